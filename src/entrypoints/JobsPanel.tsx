import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { Button, Canvas, Spinner } from 'datocms-react-ui';
import { readCmaAccess } from '../cma/access';
import { readParameters } from '../config/parameters';
import type { RoleLike } from '../config/permissions';
import { frameRunScope, type FrameRunScope } from '../runtime/frameScope';
import { MISSING_TOKEN_MESSAGE } from '../cma/access';
import { download, reportFile } from '../ui/bulk/exportFile';
import { frameSession } from '../ui/bulk/frameSession';
import { runLauncherFor } from '../flow/runLauncherForSession';
import { canRetry, outcomeSummary, retryBlockedBecause, type JobRow } from '../ui/jobs/jobRows';
import { JobsModel } from '../ui/jobs/jobsPanelStore';
import { lazyLedgerStore } from '../ui/jobs/lazyLedgerStore';
import type { RunModalParameters } from './runModalParameters';
import s from '../ui/jobs/jobs.module.css';
import {
  STATE_LABEL,
  entityOf,
  environmentLabel,
  when,
  type PanelCtx,
} from '../ui/jobs/jobsPanelText';
import { messageOf } from '../engine/messageOf';
import { doneCount } from '../ui/bulk/progressView';

const RETRY_NEEDS_TOKEN = 'Retry needs the “Access the current user’s API token” permission.';

type Props = { ctx: PanelCtx };

/** Running and recent bulk runs of the environment, and those that touched this asset/record. */
export function JobsPanel({ ctx }: Props) {
  const token = ctx.currentUserAccessToken;
  const siteId = ctx.site.id;
  const environment = ctx.environment;
  const pluginId = ctx.plugin.id;
  // The scope (token, site, environment, installation) decides which runs this panel can see.
  const runScope = useMemo(
    () =>
      frameRunScope({
        currentUserAccessToken: token,
        site: { id: siteId },
        environment,
        plugin: { id: pluginId },
      }),
    [token, siteId, environment, pluginId],
  );
  if (!runScope)
    return (
      <Canvas ctx={ctx}>
        <p role="alert" data-testid="jobs-panel-no-token">
          {MISSING_TOKEN_MESSAGE}
        </p>
      </Canvas>
    );
  return <ScopedJobsPanel ctx={ctx} runScope={runScope} />;
}

function ScopedJobsPanel({ ctx, runScope }: Props & { runScope: FrameRunScope }) {
  const environment = ctx.environment;
  const entity = entityOf(ctx);
  const entityId = entity?.id;
  const store = useMemo(() => lazyLedgerStore(runScope), [runScope]);
  // Pure construction here; the channel and timer belong to the effect (StrictMode-safe).
  const model = useMemo(
    () =>
      new JobsModel({
        store,
        openChannel: runScope.openChannel,
        locks: runScope.locks,
        entityId,
      }),
    [store, runScope, entityId],
  );
  useEffect(() => {
    void model.start();
    return () => model.stop();
  }, [model]);
  const snapshot = useSyncExternalStore(model.subscribe, model.getSnapshot);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const settings = readParameters(ctx.plugin.attributes.parameters).parameters;
  const runSettings = { chunkSize: settings.chunkSize, jobsInFlight: settings.jobsInFlight };
  const role = ctx.currentRole as unknown as RoleLike;
  // The same rules as the menus: a role the menu would not offer the action to cannot retry it.
  const blockedBecause = (row: JobRow) =>
    retryBlockedBecause(row, { parameters: settings, role, environment });

  async function act(runId: string, what: () => Promise<void>) {
    setBusy(runId);
    setError(null);
    try {
      await what();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(null);
    }
  }

  const retry = (runId: string) =>
    act(runId, async () => {
      // Checked before looking for a boot frame (which may take until the hello timeout).
      if (!readCmaAccess(ctx)) throw new Error(RETRY_NEEDS_TOKEN);
      const bootId = await model.bootFrame();
      const session = frameSession(ctx, runScope, bootId);
      if (!session) throw new Error(RETRY_NEEDS_TOKEN);
      try {
        // The panel follows the new run through its own model; the tracker is not needed.
        (await runLauncherFor(session, bootId).retry([runId], runSettings)).dispose();
      } finally {
        session.close();
      }
      await model.refresh();
    });

  const exportCsv = (runId: string) =>
    act(runId, async () => {
      const stored = await store.load(runId);
      if (!stored) throw new Error('This run is no longer in the browser’s storage.');
      download(reportFile([stored], 'csv', runScope.scope));
    });

  const openReport = (row: JobRow) =>
    act(row.runId, async () => {
      const parameters: RunModalParameters = { runId: row.runId };
      await ctx.openModal({ id: 'bulkRun', title: row.label, width: 'l', parameters });
      await model.refresh();
    });

  const renderRun = (row: JobRow, list: string) => {
    const done = doneCount(row.counts);
    const live = row.state === 'running' || row.state === 'starting';
    const failure = snapshot.failures[row.runId];
    return (
      <li
        key={`${list}-${row.runId}`}
        className={s.run}
        data-testid="jobs-run"
        data-run-id={row.runId}
        data-state={row.state}
      >
        <div className={s.title}>
          <strong>
            {row.label}
            {row.kind === 'retry' ? ' (retry)' : row.kind === 'undo' ? ' (undo)' : ''}
          </strong>
          <span className={s.state} data-testid="jobs-run-state">
            {STATE_LABEL[row.state]}
          </span>
        </div>
        <div className={s.state}>
          {when(row.createdAt)} ·{' '}
          <span data-testid="jobs-run-environment">{environmentLabel(ctx)}</span>
        </div>
        {live || row.state === 'interrupted' ? (
          <>
            <progress
              className={s.progress}
              max={row.counts.total || 1}
              value={done}
              aria-label={`${row.label}: ${done} of ${row.counts.total} processed`}
            />
            <div data-testid="jobs-run-progress">
              {done.toLocaleString('en')} / {row.counts.total.toLocaleString('en')}
              {row.counts.failed ? ` · ${row.counts.failed} failed` : ''}
            </div>
          </>
        ) : (
          <div data-testid="jobs-run-outcome">{outcomeSummary(row.counts)}</div>
        )}
        {(failure ?? row.error) && (
          <div className={s.error} role="alert">
            {failure ?? row.error}
          </div>
        )}
        {canRetry(row) && blockedBecause(row) && (
          <div className={s.state} data-testid="jobs-run-retry-blocked">
            Retry failed is not available: {blockedBecause(row)}.
          </div>
        )}
        <div className={s.actions}>
          {row.state === 'interrupted' && (
            <Button
              buttonSize="xxs"
              buttonType="primary"
              disabled={busy !== null}
              onClick={() =>
                void act(row.runId, () =>
                  model.resume(row.runId, { jobsInFlight: settings.jobsInFlight }),
                )
              }
            >
              Resume
            </Button>
          )}
          <Button buttonSize="xxs" disabled={busy !== null} onClick={() => void openReport(row)}>
            {live ? 'Follow' : 'Open report'}
          </Button>
          {row.state === 'running' && (
            <Button
              buttonSize="xxs"
              disabled={busy !== null}
              aria-describedby={`jobs-cancel-hint-${row.runId}`}
              onClick={() => model.cancel(row.runId)}
            >
              Cancel
            </Button>
          )}
          {row.state === 'running' && (
            <span id={`jobs-cancel-hint-${row.runId}`} className="sr-only">
              Stops sending new chunks; jobs already sent to DatoCMS cannot be stopped and finish.
            </span>
          )}
          {canRetry(row) && !blockedBecause(row) && (
            <Button buttonSize="xxs" disabled={busy !== null} onClick={() => void retry(row.runId)}>
              Retry failed
            </Button>
          )}
          {!live && (
            <>
              <Button
                buttonSize="xxs"
                disabled={busy !== null}
                onClick={() => void exportCsv(row.runId)}
              >
                Export CSV
              </Button>
              <Button
                buttonSize="xxs"
                disabled={busy !== null}
                onClick={() => void act(row.runId, () => model.discard(row.runId))}
              >
                Discard
              </Button>
            </>
          )}
        </div>
      </li>
    );
  };

  let body;
  if (!snapshot.loaded) body = <Spinner size={20} />;
  else if (snapshot.recent.length === 0)
    body = <p data-testid="jobs-panel-empty">No bulk runs yet.</p>;
  else
    body = (
      <>
        {snapshot.touching && entity && (
          <section aria-labelledby="jobs-touching" data-testid="jobs-touching">
            <h2 id="jobs-touching" className={s.heading}>
              Runs that touched this {entity.noun}
            </h2>
            {snapshot.touching.length === 0 ? (
              <p>None of the recent runs touched this {entity.noun}.</p>
            ) : (
              <ul className={s.list}>{snapshot.touching.map((r) => renderRun(r, 'touching'))}</ul>
            )}
          </section>
        )}
        <section aria-labelledby="jobs-recent" data-testid="jobs-recent">
          <h2 id="jobs-recent" className={s.heading}>
            Recent runs
          </h2>
          <ul className={s.list}>{snapshot.recent.map((r) => renderRun(r, 'recent'))}</ul>
        </section>
      </>
    );

  return (
    <Canvas ctx={ctx}>
      <div className={s.panel} data-testid="jobs-panel">
        {body}
        {snapshot.recent.length > 0 && (
          <p className={s.state}>
            Runs are kept in this browser for 30 days.{' '}
            <Button
              buttonSize="xxs"
              disabled={busy !== null}
              onClick={() =>
                void act('all', async () => {
                  const ok = await ctx.openConfirm({
                    title: 'Delete the runs kept in this browser?',
                    content: `Every run of the environment ${environment} that is not running is removed from this browser: its report, Retry failed and Undo. Nothing changes in DatoCMS.`,
                    choices: [{ label: 'Delete them', value: true, intent: 'negative' }],
                    cancel: { label: 'Keep them', value: false },
                  });
                  if (ok) await model.discardAll();
                })
              }
            >
              Delete stored runs…
            </Button>
          </p>
        )}
        {(error ?? snapshot.error) && (
          <p className={s.error} role="alert" data-testid="jobs-panel-error">
            {error ?? snapshot.error}
          </p>
        )}
      </div>
    </Canvas>
  );
}
