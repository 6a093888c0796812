import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { RenderModalCtx } from 'datocms-plugin-sdk';
import { Button, Canvas, Spinner } from 'datocms-react-ui';
import { findAction, type BulkActionDefinition } from '../actions/catalog';
import { actionAvailability } from '../actions/menu';
import { readCmaAccess, MISSING_TOKEN_MESSAGE } from '../cma/access';
import { readParameters, type PluginParameters } from '../config/parameters';
import type { RoleLike } from '../config/permissions';
import { InputError } from '../operations/inputErrors';
import { createOperation } from '../operations/registry';
import { systemClock } from '../engine/clock';
import { ConfirmStep } from '../ui/bulk/ConfirmStep';
import { confirmationPhrase, needsTypedConfirmation } from '../ui/bulk/confirm';
import { assetMetadataFile } from '../ui/bulk/assetMetadata';
import { download, reportFile, type StoredRun } from '../ui/bulk/exportFile';
import { InputStep, initialInput, operationInput, type BulkInput } from '../ui/bulk/InputStep';
import { PreviewStep } from '../ui/bulk/PreviewStep';
import { buildPreview, type PreviewModel } from '../ui/bulk/previewModel';
import type { RunReportView } from '../ui/bulk/report';
import { ReportStep } from '../ui/bulk/ReportStep';
import { ScopeStep, type Loadable, type MatchCount, type ScopeMode } from '../ui/bulk/ScopeStep';
import {
  EMPTY_FILTER,
  matchingSelection,
  toUploadFilter,
  type ScopeFilter,
} from '../ui/bulk/scopeFilter';
import { counted, nounFor } from '../ui/bulk/nouns';
import { BulkSession, type CollectionOption, type EntityInfo } from '../ui/bulk/session';
import type { RunTracker } from '../ui/bulk/tracker';
import { Progress } from '../ui/bulk/FollowRun';
import type { BulkModalParameters } from './modalParameters';

const SAMPLE_SIZE = 20;
const NAMES_FOR_PREVIEW = 2_000;

/** The record actions the modal runs so far; the others still show "not built yet". */
const RECORD_ACTIONS_BUILT: ReadonlySet<string> = new Set(['items.publish', 'items.unpublish']);
/** Publish sends invalid drafts anyway: they fail with the API's reason, and can be retried. */
const SEND_ANYWAY: Partial<Record<string, ReadonlySet<string>>> = {
  'items.publish': new Set(['INVALID_DRAFT']),
};
const UNDO_NOTE: Partial<Record<string, string>> = {
  'items.publish':
    'Undo unpublishes the records this run published that were drafts before. Records that had an earlier published version are left as they are: that version cannot be restored.',
  'items.unpublish':
    'Undo publishes again the records this run unpublished that were published with no newer draft. Records that had a newer draft are left as drafts: publishing them would put that draft live, not the version that was.',
};

function readModalParameters(raw: unknown): BulkModalParameters | null {
  const p = raw as Partial<BulkModalParameters> | undefined;
  if (!p || typeof p.actionId !== 'string' || !Array.isArray(p.ids)) return null;
  return {
    actionId: p.actionId,
    ids: p.ids,
    itemTypeId: p.itemTypeId ?? null,
    bootId: typeof p.bootId === 'string' ? p.bootId : '',
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function useLoad<T>(load: (() => Promise<T>) | null): Loadable<T> {
  const [state, setState] = useState<Loadable<T>>({ status: 'loading' });
  useEffect(() => {
    if (!load) return;
    let live = true;
    load().then(
      (value) => live && setState({ status: 'ready', value }),
      (error: unknown) => live && setState({ status: 'error', message: messageOf(error) }),
    );
    return () => {
      live = false;
    };
  }, [load]);
  return state;
}

type Step =
  | { name: 'scope' }
  | { name: 'input' }
  | { name: 'preview'; model: PreviewModel }
  | { name: 'confirm'; model: PreviewModel }
  | { name: 'progress'; tracker: RunTracker; label: string; leftOut: PreviewModel['leftOut'] }
  | {
      name: 'report';
      label: string;
      runs: StoredRun[];
      report: RunReportView;
      entities: ReadonlyMap<string, EntityInfo>;
      leftOut: PreviewModel['leftOut'];
      canUndo: boolean;
      isUndo: boolean;
    };

function Flow(props: {
  ctx: RenderModalCtx;
  action: BulkActionDefinition;
  parameters: BulkModalParameters;
  session: BulkSession;
  settings: PluginParameters;
}) {
  const { ctx, action, parameters, session, settings } = props;
  const selectedIds = parameters.ids;
  const [mode, setMode] = useState<ScopeMode>('selected');
  const [filter, setFilter] = useState<ScopeFilter>(EMPTY_FILTER);
  const [matchCount, setMatchCount] = useState<MatchCount>(null);
  const filterKey = JSON.stringify(filter);
  // The frozen ids of the scope: the selection, or the resolved "all matching".
  const [ids, setIds] = useState<readonly string[]>(selectedIds);
  const label = action.label.replace(/…$/, '');
  const noun = nounFor(action.surface);
  const [step, setStep] = useState<Step>({ name: 'scope' });
  const [input, setInput] = useState<BulkInput>(() => initialInput(action.id));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const runSettings = { chunkSize: settings.chunkSize, jobsInFlight: settings.jobsInFlight };
  const hasInverse = useMemo(
    () => !!createOperation(action.id, { clock: systemClock }).inverse,
    [action.id],
  );

  const sample = useLoad(
    useCallback(
      () => session.entities(selectedIds.slice(0, SAMPLE_SIZE)).then((m) => [...m.values()]),
      [session, selectedIds],
    ),
  );
  const knownTags = useLoad(
    useCallback(
      () => (input.kind === 'tags' ? session.loadKnownTags() : Promise.resolve([])),
      // eslint-disable-next-line react-hooks/exhaustive-deps
      [session],
    ),
  );
  const collections = useLoad<CollectionOption[]>(
    useCallback(
      () => (action.surface === 'uploads' ? session.loadCollections() : Promise.resolve([])),
      [session, action.surface],
    ),
  );

  const close = () => void ctx.resolve(null);

  function countMatching() {
    const key = filterKey;
    setMatchCount({ filterKey: key, count: { status: 'loading' } });
    session.countMatching(toUploadFilter(filter), filter.excludeSelected ? selectedIds : []).then(
      (value) => setMatchCount({ filterKey: key, count: { status: 'ready', value } }),
      (e: unknown) =>
        setMatchCount({ filterKey: key, count: { status: 'error', message: messageOf(e) } }),
    );
  }

  async function confirmScope() {
    setError(null);
    if (mode === 'selected') {
      setIds(selectedIds);
      if (input.kind === 'none') await runPreview(selectedIds);
      else setStep({ name: 'input' });
      return;
    }
    setBusy(true);
    try {
      const resolved = await session.resolve(matchingSelection(filter, selectedIds));
      setIds(resolved);
      if (input.kind === 'none') await runPreview(resolved);
      else setStep({ name: 'input' });
    } catch (e) {
      setError(`Could not list the matching ${noun.many}: ${messageOf(e)}`);
    } finally {
      setBusy(false);
    }
  }

  async function runPreview(scopeIds: readonly string[] = ids) {
    const ids = scopeIds;
    setError(null);
    setBusy(true);
    try {
      const opInput = operationInput(input);
      const checkInUse = action.id === 'uploads.destroy' && !settings.allowDeletingInUseAssets;
      const [preview, entities, inUse] = await Promise.all([
        session.preview(action.id, opInput, ids),
        session.entities(ids, NAMES_FOR_PREVIEW),
        checkInUse ? session.inUse(ids) : Promise.resolve(new Set<string>()),
      ]);
      const names = new Map([...entities].map(([id, e]) => [id, e.name]));
      setStep({
        name: 'preview',
        model: buildPreview(ids, preview.predictions, names, inUse, SEND_ANYWAY[action.id]),
      });
    } catch (e) {
      setError(e instanceof InputError ? e.message : `The preview failed: ${messageOf(e)}`);
    } finally {
      setBusy(false);
    }
  }

  async function start(model: PreviewModel) {
    setError(null);
    setBusy(true);
    try {
      const tracker = await session.start(
        action.id,
        operationInput(input),
        model.runIds,
        runSettings,
      );
      setStep({ name: 'progress', tracker, label, leftOut: model.leftOut });
    } catch (e) {
      setError(`The run could not start: ${messageOf(e)}`);
    } finally {
      setBusy(false);
    }
  }

  async function follow(make: () => Promise<RunTracker>, stepLabel: string) {
    setError(null);
    setBusy(true);
    try {
      setStep({ name: 'progress', tracker: await make(), label: stepLabel, leftOut: [] });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  switch (step.name) {
    case 'scope':
      return (
        <ScopeStep
          noun={noun}
          allowMatching={action.surface === 'uploads'}
          count={selectedIds.length}
          sample={sample}
          mode={mode}
          onMode={setMode}
          filter={filter}
          onFilter={setFilter}
          collections={collections}
          matchCount={matchCount}
          filterKey={filterKey}
          onCount={countMatching}
          busy={busy}
          error={error}
          onClose={close}
          onNext={() => void confirmScope()}
        />
      );
    case 'input':
      return (
        <InputStep
          actionId={action.id}
          input={input}
          onChange={(next) => {
            setInput(next);
            setError(null);
          }}
          knownTags={knownTags}
          presets={settings.tagPresets}
          collections={collections}
          error={error}
          onBack={() => setStep({ name: 'scope' })}
          onNext={() => void runPreview()}
        />
      );
    case 'preview': {
      const { model } = step;
      const blockedNote =
        model.leftOut.length > 0
          ? `${model.leftOut.length} blocked ${model.leftOut.length === 1 ? `${noun.one} is` : `${noun.many} are`} left out of the run and listed below.`
          : null;
      const sentAnyway = model.counts.blocked - model.leftOut.length;
      const sendAnywayNote =
        sentAnyway > 0
          ? `${counted(sentAnyway, noun)} with an invalid draft ${sentAnyway === 1 ? 'is' : 'are'} sent anyway: ${sentAnyway === 1 ? 'it fails' : 'they fail'} with the reason in the report. Fix ${sentAnyway === 1 ? 'it' : 'them'}, then use Retry failed.`
          : null;
      return (
        <PreviewStep
          noun={noun}
          sendAnywayNote={sendAnywayNote}
          rows={model.rows}
          counts={model.counts}
          leftOutNote={blockedNote}
          runCount={model.runIds.length}
          destructive={!!action.destructive}
          busy={busy}
          error={error}
          onBack={() => setStep(input.kind === 'none' ? { name: 'scope' } : { name: 'input' })}
          onNext={() =>
            action.destructive ? setStep({ name: 'confirm', model }) : void start(model)
          }
        />
      );
    }
    case 'confirm': {
      const { model } = step;
      const count = model.runIds.length;
      const phrase = needsTypedConfirmation(true, count, settings.typedConfirmationThreshold)
        ? confirmationPhrase(count)
        : null;
      return (
        <ConfirmStep
          count={count}
          phrase={phrase}
          leftOut={model.leftOut.length}
          busy={busy}
          error={error}
          onBack={() => setStep({ name: 'preview', model })}
          onConfirm={() => void start(model)}
          onExportMetadata={async (format) =>
            download(
              assetMetadataFile(
                await session.uploadRecords(model.runIds),
                format,
                new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-'),
              ),
            )
          }
        />
      );
    }
    case 'progress':
      return (
        <Progress
          step={step}
          session={session}
          hasInverse={hasInverse}
          onClose={close}
          onReport={setStep}
        />
      );
    case 'report':
      return (
        <ReportStep
          title={`${step.label}: report`}
          noun={noun}
          report={step.report}
          entities={step.entities}
          undoNote={UNDO_NOTE[action.id] ?? null}
          leftOut={step.leftOut}
          canRetry={step.report.counts.failed + step.report.counts.not_run > 0}
          canUndo={step.canUndo}
          busy={busy}
          error={error}
          onClose={close}
          onExport={(format) => download(reportFile(step.runs, format))}
          onRetry={() =>
            void follow(
              () =>
                session.retry(
                  step.runs.map((r) => r.run.id),
                  runSettings,
                ),
              `${step.label}: retry failed`,
            )
          }
          onUndo={() =>
            void follow(
              () =>
                session.undo(
                  step.runs.map((r) => r.run.id),
                  runSettings,
                ),
              `Undo ${label.toLowerCase()}`,
            )
          }
        />
      );
  }
}

/**
 * Publish and unpublish need a model with draft/published: for the others, a clear message
 * instead of a run where every record would fail.
 */
function DraftModeGate(props: {
  session: BulkSession;
  itemTypeId: string | null;
  count: number;
  onClose: () => void;
  children: ReactNode;
}) {
  const { session, itemTypeId } = props;
  const draftMode = useLoad(
    useCallback(
      () => (itemTypeId ? session.hasDraftMode(itemTypeId) : Promise.resolve(true)),
      [session, itemTypeId],
    ),
  );
  if (draftMode.status === 'loading') return <Spinner size={24} />;
  if (draftMode.status === 'error')
    return (
      <>
        <p role="alert">Could not read the model: {draftMode.message}</p>
        <Button onClick={props.onClose}>Close</Button>
      </>
    );
  if (!draftMode.value)
    return (
      <>
        <p data-testid="bulk-scope-count">
          {counted(props.count, nounFor('items'), true)} selected
        </p>
        <p role="status" data-testid="bulk-no-draft-mode">
          This model has no draft/published states: its records are always live, so there is nothing
          to publish or unpublish.
        </p>
        <Button onClick={props.onClose}>Close</Button>
      </>
    );
  return <>{props.children}</>;
}

/** The bulk modal: scope → input → preview → confirm → live progress → report. */
export function BulkModal({ ctx }: { ctx: RenderModalCtx }) {
  const parameters = readModalParameters(ctx.parameters);
  const action = parameters ? findAction(parameters.actionId) : undefined;
  const access = readCmaAccess(ctx);
  const apiToken = access?.apiToken;
  const environment = access?.environment;
  const baseUrl = access?.baseUrl;
  const siteId = ctx.site.id;
  const bootId = parameters?.bootId ?? '';
  const role = ctx.currentRole as unknown as RoleLike;
  const session = useMemo(
    () =>
      apiToken && environment && baseUrl
        ? new BulkSession({
            access: { apiToken, environment, baseUrl },
            siteId,
            bootId,
            role,
            resource: action?.surface === 'items' ? 'items' : 'uploads',
          })
        : null,
    // The role object is re-sent on every ctx change; its identity does not matter here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [apiToken, environment, baseUrl, siteId, bootId, action?.surface],
  );
  useEffect(() => () => session?.close(), [session]);
  const settings = readParameters(ctx.plugin.attributes.parameters).parameters;
  // Checked once, when the modal opens (the menu may be stale); a role change mid-run must
  // not take the progress away.
  const [availability] = useState(() =>
    action
      ? actionAvailability(action, {
          parameters: settings,
          role,
          environment: ctx.environment,
          itemTypeId: parameters?.itemTypeId ?? undefined,
        })
      : null,
  );

  const close = () => void ctx.resolve(null);

  let body;
  if (!parameters || !action) {
    body = (
      <>
        <p role="alert">This modal was opened without a valid bulk action.</p>
        <Button onClick={close}>Close</Button>
      </>
    );
  } else if (availability && !availability.available) {
    body = (
      <>
        <p role="alert" data-testid="bulk-not-available">
          {action.label.replace(/…$/, '')} is not available: {availability.reason}.
        </p>
        <Button onClick={close}>Close</Button>
      </>
    );
  } else if (!session) {
    body = (
      <>
        <p role="alert">{MISSING_TOKEN_MESSAGE}</p>
        <Button onClick={close}>Close</Button>
      </>
    );
  } else if (
    action.id === 'uploadCollections.reorder' ||
    (action.surface === 'items' && !RECORD_ACTIONS_BUILT.has(action.id))
  ) {
    body = (
      <>
        <p data-testid="bulk-scope-count">
          {parameters.ids.length.toLocaleString('en')}{' '}
          {action.surface === 'uploads' ? 'assets' : 'records'} selected
        </p>
        <p>This action’s modal is not built yet.</p>
        <Button onClick={close}>Close</Button>
      </>
    );
  } else if (action.surface === 'items') {
    body = (
      <DraftModeGate
        session={session}
        itemTypeId={parameters.itemTypeId}
        count={parameters.ids.length}
        onClose={close}
      >
        <Flow
          ctx={ctx}
          action={action}
          parameters={parameters}
          session={session}
          settings={settings}
        />
      </DraftModeGate>
    );
  } else {
    body = (
      <Flow
        ctx={ctx}
        action={action}
        parameters={parameters}
        session={session}
        settings={settings}
      />
    );
  }
  return (
    <Canvas ctx={ctx}>
      <div data-testid="bulk-modal">{body ?? <Spinner size={24} />}</div>
    </Canvas>
  );
}
