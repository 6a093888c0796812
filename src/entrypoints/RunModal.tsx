import { useEffect, useMemo, useState } from 'react';
import type { RenderModalCtx } from 'datocms-plugin-sdk';
import { Button, Canvas, Spinner } from 'datocms-react-ui';
import { findAction } from '../actions/catalog';
import { MISSING_TOKEN_MESSAGE, readCmaAccess } from '../cma/access';
import { readParameters } from '../config/parameters';
import type { RoleLike } from '../config/permissions';
import { findBootFrame } from '../runtime/findBootFrame';
import { frameRunScope, type FrameRunScope } from '../runtime/frameScope';
import { download, reportFile } from '../ui/bulk/exportFile';
import { Progress } from '../ui/bulk/FollowRun';
import { loadReport, type FollowingStep, type ReportState } from '../flow/bulkReport';
import { nounFor } from '../ui/bulk/nouns';
import { ReportStep } from '../ui/bulk/ReportStep';
import type { BulkSession } from '../ui/bulk/session';
import { frameSession } from '../ui/bulk/frameSession';
import type { RunLauncher } from '../flow/runLauncher';
import { runLauncherFor } from '../flow/runLauncherForSession';
import { flowPolicyFor } from '../operations/flowPolicies';
import { actionLabel, jobStateOf, retryBlockedBecause, START_GRACE_MS } from '../ui/jobs/jobRows';
import { waitForRunLock } from '../ui/jobs/waitForRunLock';
import { readRunModalParameters } from './runModalParameters';
import { messageOf } from '../engine/messageOf';
import { hasRetryable } from '../ui/bulk/report';

type View =
  | { name: 'loading' }
  | { name: 'error'; message: string }
  | { name: 'interrupted'; label: string }
  | FollowingStep
  | ReportState;

/** What to show for a run: progress while a live frame holds it, Resume, or its report. */
async function readView(s: BulkSession, scope: FrameRunScope, id: string): Promise<View> {
  const stored = await (await s.ledger()).load(id);
  if (!stored) throw new Error('This run is no longer in the browser’s storage.');
  const { run } = stored;
  const label = actionLabel(run.operationId);
  // The panel's rule: a run just started is marked running a moment before its boot frame
  // locks it, so an unlocked one counts as interrupted only after the start grace.
  const unfinished = run.status === 'running' || run.status === 'cancelling';
  const until = unfinished ? run.createdAt + START_GRACE_MS : 0;
  const held = await waitForRunLock(id, { locks: scope.locks, until });
  const state = jobStateOf(run, {
    held: new Set(held ? [id] : []),
    active: new Set(),
    now: Date.now(),
    startGraceMs: START_GRACE_MS,
  });
  if (state === 'running') {
    const tracker = await runLauncherFor(s, '').follow([
      { runId: id, total: run.total, chunks: run.chunks.length },
    ]);
    return { name: 'progress', tracker, label, leftOut: [] };
  }
  if (state === 'interrupted' || state === 'starting') return { name: 'interrupted', label };
  return loadReport(s, [stored], label, [], runLauncherFor(s, ''));
}

/**
 * One existing run, opened from the jobs panel: live progress while it executes (in any tab's
 * boot frame), Resume when it was interrupted, else its report with Retry failed, Undo, Export.
 */
export function RunModal({ ctx }: { ctx: RenderModalCtx }) {
  const parameters = readRunModalParameters(ctx.parameters);
  const runId = parameters?.runId ?? null;
  const access = readCmaAccess(ctx);
  const apiToken = access?.apiToken;
  const environment = access?.environment;
  const baseUrl = access?.baseUrl;
  const siteId = ctx.site.id;
  const pluginId = ctx.plugin.id;
  // Only runs of this frame's scope (token, site, environment, installation) can be opened.
  const runScope = useMemo(
    () => frameRunScope(ctx),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [apiToken, environment, siteId, pluginId],
  );
  const settings = readParameters(ctx.plugin.attributes.parameters).parameters;
  const runSettings = { chunkSize: settings.chunkSize, jobsInFlight: settings.jobsInFlight };
  // This session only reads; runs started here (retry, undo, resume) use one named after
  // whichever boot frame answers `hello` first.
  const session = useMemo(
    () => (apiToken && environment && baseUrl && runScope ? frameSession(ctx, runScope, '') : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [apiToken, environment, baseUrl, runScope],
  );
  useEffect(() => () => session?.close(), [session]);
  // Follows runs (and reads reports) without starting any: no boot frame needed.
  const follower = useMemo(() => (session ? runLauncherFor(session, '') : null), [session]);
  const [view, setView] = useState<View>({ name: 'loading' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => void ctx.resolve(null);

  useEffect(() => {
    if (!session || !runScope || !runId) return;
    let live = true;
    readView(session, runScope, runId).then(
      (next) => live && setView(next),
      (e: unknown) => live && setView({ name: 'error', message: messageOf(e) }),
    );
    return () => {
      live = false;
    };
  }, [session, runScope, runId]);

  async function withBootFrame(what: (launcher: RunLauncher) => Promise<View>) {
    if (!session || !runScope) return;
    setBusy(true);
    setError(null);
    try {
      const id = await findBootFrame(session.channel);
      const s = frameSession(ctx, runScope, id);
      if (!s) throw new Error(MISSING_TOKEN_MESSAGE);
      setView(await what(runLauncherFor(s, id)));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  let body;
  if (!runId) body = <p role="alert">This modal was opened without a run.</p>;
  else if (!session) body = <p role="alert">{MISSING_TOKEN_MESSAGE}</p>;
  else if (view.name === 'loading') body = <Spinner size={24} />;
  else if (view.name === 'error') body = <p role="alert">{view.message}</p>;
  else if (view.name === 'interrupted')
    body = (
      <section data-testid="run-modal-interrupted">
        <h2>{view.label}</h2>
        <p>
          This run was interrupted (its tab was reloaded or closed). Resume continues it from where
          it stopped; jobs already submitted are checked, not sent again.
        </p>
        <Button
          buttonType="primary"
          disabled={busy}
          onClick={() =>
            void withBootFrame(async (launcher) => ({
              name: 'progress',
              tracker: await launcher.resume(runId, runSettings),
              label: view.label,
              leftOut: [],
            }))
          }
        >
          Resume
        </Button>
      </section>
    );
  else if (view.name === 'progress')
    body = (
      <Progress
        step={view}
        session={session}
        {...(follower ? { launcher: follower } : {})}
        onClose={close}
        onReport={setView}
      />
    );
  else {
    const report = view;
    const operationId = report.runs[0]?.run.operationId;
    const noun = nounFor(findAction(operationId ?? '')?.surface ?? 'uploads');
    const ids = report.runs.map((r) => r.run.id);
    // The same rules as the menus and the panel: Retry and Undo start new runs of the action.
    const blocked = retryBlockedBecause(
      { operationId: operationId ?? '' },
      {
        parameters: settings,
        role: ctx.currentRole as unknown as RoleLike,
        environment: ctx.environment,
      },
    );
    body = (
      <>
        {blocked && (
          <p role="note" data-testid="run-modal-blocked">
            Retry failed and Undo are not available: {blocked}.
          </p>
        )}
        <ReportStep
          title={`${report.label}: report`}
          noun={noun}
          report={report.report}
          entities={report.entities}
          leftOut={report.leftOut}
          undoNote={flowPolicyFor(operationId ?? '').undoNote ?? null}
          undoAlsoCovers={report.undoAlsoCovers}
          canRetry={!blocked && hasRetryable(report.report)}
          canUndo={!blocked && report.canUndo}
          busy={busy}
          error={error}
          onClose={close}
          onExport={(format) => download(reportFile(report.runs, format, runScope?.scope))}
          onRetry={() =>
            void withBootFrame(async (launcher) => ({
              name: 'progress',
              tracker: await launcher.retry(ids, runSettings),
              label: `${report.label}: retry failed`,
              leftOut: [],
            }))
          }
          onUndo={() =>
            void withBootFrame(async (launcher) => ({
              name: 'progress',
              tracker: await launcher.undo(ids, runSettings),
              label: `Undo ${report.label.toLowerCase()}`,
              leftOut: [],
            }))
          }
        />
      </>
    );
  }
  return (
    <Canvas ctx={ctx}>
      <div data-testid="run-modal">
        <p data-testid="run-modal-environment">
          {/* The ledger of this scope holds only runs of this environment. */}
          Environment: {ctx.environment} ({ctx.isEnvironmentPrimary ? 'primary' : 'sandbox'})
        </p>
        {body}
        {error && view.name !== 'report' && (
          <p role="alert" data-testid="run-modal-error">
            {error}
          </p>
        )}
      </div>
    </Canvas>
  );
}
