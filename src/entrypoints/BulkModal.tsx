import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { RenderModalCtx } from 'datocms-plugin-sdk';
import { Button, Canvas, Spinner } from 'datocms-react-ui';
import { findAction, type BulkActionDefinition } from '../actions/catalog';
import { actionAvailability } from '../actions/menu';
import { readCmaAccess, MISSING_TOKEN_MESSAGE } from '../cma/access';
import type { RawEntity } from '../cma/fetchByIds';
import { readParameters, type PluginParameters } from '../config/parameters';
import type { Actor } from '../config/itemPermissions';
import type { RoleLike } from '../config/permissions';
import { InputError } from '../operations/shared/inputErrors';
import { ConfirmStep } from '../ui/bulk/ConfirmStep';
import { confirmationPhrase, needsTypedConfirmation } from '../ui/bulk/confirm';
import { assetMetadataFile, recordsFile } from '../ui/bulk/assetMetadata';
import { download, reportFile } from '../ui/bulk/exportFile';
import {
  InputStep,
  initialInput,
  operationInput,
  tagsSummary,
  type BulkInput,
} from '../ui/bulk/InputStep';
import { PreviewStep } from '../ui/bulk/PreviewStep';
import { IN_USE_ALLOWED_NOTE, buildPreview, type PreviewModel } from '../ui/bulk/previewModel';
import { hasRetryable } from '../ui/bulk/report';
import { ReportStep } from '../ui/bulk/ReportStep';
import { runLauncherFor } from '../flow/runLauncherForSession';
import {
  ScopeStep,
  UploadMatchingForm,
  type Loadable,
  type MatchCount,
  type MatchingScope,
  type ScopeMode,
} from '../ui/bulk/ScopeStep';
import {
  EMPTY_FILTER,
  isEmptyFilter,
  matchingSelection,
  toUploadFilter,
  type ScopeFilter,
} from '../ui/bulk/scopeFilter';
import { counted, nounFor } from '../ui/bulk/nouns';
import {
  checkRecords,
  recordFact,
  type Inclusion,
  type InclusionKind,
  type RecordFact,
  type SideEffect,
} from '../ui/bulk/recordChecks';
import { linkFieldKeys, type RecordModel } from '../ui/bulk/recordModel';
import { recordPreviewModel, type RecordPreviewBase } from '../ui/bulk/recordPreview';
import {
  EMPTY_RECORD_FILTER,
  incompleteField,
  matchingRecordSelection,
  scopeLocale,
  toItemFilter,
  type RecordScopeFilter,
} from '../ui/bulk/recordScopeFilter';
import {
  actorFrom,
  contentOf,
  needsCreatorRoles,
  needsStages,
  recordPermission,
  uploadPermission,
} from '../ui/bulk/permissionView';
import type { ContentParts } from '../config/itemPermissions';
import { SideEffects } from '../ui/bulk/SideEffects';
import { RecordMatchingForm } from '../ui/bulk/RecordMatchingForm';
import { InclusionSwitches } from '../ui/bulk/InclusionSwitches';
import { frameRunScope } from '../runtime/frameScope';
import { BulkSession } from '../ui/bulk/session';
import { assetInfo, type CollectionOption } from '../ui/bulk/entityInfo';
import type { RunTracker } from '../ui/bulk/runTracker';
import { LazyReorderCollections as ReorderCollections } from '../ui/reorder/LazyReorderCollections';
import { Progress, type FollowingStep, type ReportState } from '../ui/bulk/FollowRun';
import { flowPolicyFor } from '../operations/flowPolicies';
import type { BulkModalParameters } from './modalParameters';
import { messageOf } from '../engine/messageOf';

const SAMPLE_SIZE = 20;

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
  | {
      name: 'preview';
      model: PreviewModel;
      /** Assets in use that the settings allow deleting. */
      inUseDeleted?: number;
      /** Records: what the checks found, and the inclusions switched on. */
      records?: {
        base: RecordPreviewBase;
        include: ReadonlySet<InclusionKind>;
        /** What may be added (it does not depend on what is switched on). */
        offered: readonly Inclusion[];
        /** What DatoCMS does to other records because of the run. */
        sideEffects: readonly SideEffect[];
      };
    }
  | { name: 'confirm'; model: PreviewModel }
  | FollowingStep
  | ReportState;

function Flow(props: {
  ctx: RenderModalCtx;
  action: BulkActionDefinition;
  parameters: BulkModalParameters;
  session: BulkSession;
  settings: PluginParameters;
  /** Record actions: the collection's model. */
  model: RecordModel | null;
  /** Who acts, for creator-scoped rules. */
  actor: Actor;
}) {
  const { ctx, action, parameters, session, settings, model, actor } = props;
  const policy = flowPolicyFor(action.id);
  const sendAnyway = useMemo(() => new Set(policy.sendAnyway), [policy]);
  const role = ctx.currentRole as unknown as RoleLike;
  const locales = ctx.site.attributes.locales;
  const selectedIds = parameters.ids;
  const [mode, setMode] = useState<ScopeMode>('selected');
  const [filter, setFilter] = useState<ScopeFilter>(EMPTY_FILTER);
  const [recordFilter, setRecordFilter] = useState<RecordScopeFilter>(EMPTY_RECORD_FILTER);
  const [matchCount, setMatchCount] = useState<MatchCount>(null);
  const filterKey = JSON.stringify(model ? recordFilter : filter);
  // The frozen ids of the scope: the selection, or the resolved "all matching".
  const [ids, setIds] = useState<readonly string[]>(selectedIds);
  const label = action.title;
  const noun = nounFor(action.surface);
  const [step, setStep] = useState<Step>({ name: 'scope' });
  const [input, setInput] = useState<BulkInput>(() => initialInput(policy.input));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const runSettings = { chunkSize: settings.chunkSize, jobsInFlight: settings.jobsInFlight };
  // Retry and Undo from the report go through the launcher: Undo covers the runs retried too.
  const launcher = useMemo(() => runLauncherFor(session, session.bootId), [session]);

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
  const runInput = (chosen: BulkInput = input) =>
    policy.inputFromSettings ? policy.inputFromSettings(settings) : operationInput(chosen);

  const environment = { name: ctx.environment, primary: ctx.isEnvironmentPrimary };
  const findRecords = useCallback(
    (targets: readonly string[], text: string) => session.findRecords(targets, text),
    [session],
  );
  const excludeSelected = model ? recordFilter.excludeSelected : filter.excludeSelected;
  const listFilter = () =>
    model ? toItemFilter(recordFilter, model.id, model.fields) : toUploadFilter(filter);
  const listLocale = () => (model ? scopeLocale(recordFilter, model.fields) : undefined);
  const matching: MatchingScope | null = model
    ? {
        label: `All records of ${model.name} matching a filter`,
        form: (
          <RecordMatchingForm
            modelName={model.name}
            filter={recordFilter}
            onFilter={setRecordFilter}
            fields={model.fields}
            draftMode={model.draftMode}
            selectedCount={selectedIds.length}
            locales={locales}
            findRecords={findRecords}
          />
        ),
        missing: incompleteField(recordFilter, model.fields)
          ? 'Give each field condition a value, or remove it.'
          : null,
        excludeSelected,
      }
    : action.surface !== 'uploads'
      ? // Records without a known model (no item type in the selection): the selection only.
        null
      : {
          label: 'All assets matching a filter',
          form: (
            <UploadMatchingForm
              filter={filter}
              onFilter={setFilter}
              collections={collections}
              selectedCount={selectedIds.length}
            />
          ),
          missing: isEmptyFilter(filter) ? 'Set at least one filter.' : null,
          excludeSelected,
        };

  function countMatching() {
    const key = filterKey;
    setMatchCount({ filterKey: key, count: { status: 'loading' } });
    session.countMatching(listFilter(), excludeSelected ? selectedIds : [], listLocale()).then(
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
      const resolved = await session.resolve(
        model
          ? matchingRecordSelection(recordFilter, model.id, model.fields, selectedIds)
          : matchingSelection(filter, selectedIds),
        listLocale(),
      );
      setIds(resolved);
      if (input.kind === 'none') await runPreview(resolved);
      else setStep({ name: 'input' });
    } catch (e) {
      setError(`Could not list the matching ${noun.many}: ${messageOf(e)}`);
    } finally {
      setBusy(false);
    }
  }

  async function runPreview(scopeIds: readonly string[] = ids, chosen: BulkInput = input) {
    const ids = scopeIds;
    setError(null);
    setBusy(true);
    try {
      const opInput = runInput(chosen);
      if (model) {
        setStep({ name: 'preview', ...(await previewRecords(model, ids, opInput)) });
        return;
      }
      const checkInUse = policy.checksAssetsInUse === true;
      const names = new Map<string, string>();
      const entities: RawEntity[] = [];
      const [preview, inUse, parents] = await Promise.all([
        session.preview(action.id, opInput, ids, (e) => {
          names.set(e.id, assetInfo(e).name);
          entities.push(e);
        }),
        checkInUse ? session.inUse(ids) : Promise.resolve(new Set<string>()),
        session.collectionParents(),
      ]);
      // The role's rules per asset: its collection (and the ones above it), its creator.
      const permit = uploadPermission({
        role,
        actionId: action.id,
        environment: ctx.environment,
        actor,
        parents,
        collectionNames: new Map(
          (collections.status === 'ready' ? collections.value : []).map((c) => [c.id, c.label]),
        ),
        ...(input.kind === 'collection' ? { targetCollection: input.collectionId } : {}),
      });
      const predictions = new Map(preview.predictions);
      const notes = new Map<string, string>();
      if (permit)
        for (const e of entities) {
          // Blocked already, or nothing to change (already tagged…): the rules do not matter.
          if (predictions.get(e.id)?.outcome !== 'change') continue;
          const verdict = permit(e);
          if (verdict.kind === 'denied')
            predictions.set(e.id, {
              outcome: 'blocked',
              code: 'INSUFFICIENT_PERMISSIONS',
              reason: verdict.reason,
            });
          else if (verdict.kind === 'unknown') notes.set(e.id, verdict.reason);
        }
      if (settings.allowDeletingInUseAssets)
        for (const id of inUse)
          notes.set(id, [IN_USE_ALLOWED_NOTE, notes.get(id)].filter(Boolean).join(' '));
      setStep({
        name: 'preview',
        model: buildPreview(
          ids,
          predictions,
          names,
          settings.allowDeletingInUseAssets ? new Set() : inUse,
          sendAnyway,
          notes,
        ),
        ...(settings.allowDeletingInUseAssets && inUse.size > 0
          ? { inUseDeleted: inUse.size }
          : {}),
      });
    } catch (e) {
      setError(e instanceof InputError ? e.message : `The preview failed: ${messageOf(e)}`);
    } finally {
      setBusy(false);
    }
  }

  /** Records: the engine's predictions, then what the run depends on beyond each record. */
  async function previewRecords(m: RecordModel, ids: readonly string[], opInput: unknown) {
    const links = linkFieldKeys(m);
    const scopeFacts = new Map<string, RecordFact>();
    const content = new Map<string, ContentParts>();
    const preview = await session.preview(action.id, opInput, ids, (e) => {
      scopeFacts.set(e.id, recordFact(e, links));
      content.set(e.id, contentOf(e, m));
    });
    const context = await session.recordContext(action.id, m, scopeFacts);
    const stageId = input.kind === 'stage' ? input.stageId : undefined;
    const permission = recordPermission({
      role,
      actionId: action.id,
      environment: ctx.environment,
      actor,
      model: m,
      content,
      ...(stageId !== undefined ? { toStage: stageId } : {}),
    });
    const draft: RecordPreviewBase = {
      actionId: action.id,
      ids,
      predictions: preview.predictions,
      facts: context.facts,
      offeredPredictions: new Map(),
      ...(permission ? { permission } : {}),
      ...(context.children ? { children: context.children } : {}),
      ...(context.references ? { references: context.references } : {}),
      ...(stageId !== undefined
        ? { stageId, stageNames: new Map(m.stages.map((st) => [st.id, st.name])) }
        : {}),
    };
    const offered = checkRecords({ ...draft, include: new Set() }).offered.flatMap((o) => o.ids);
    const base: RecordPreviewBase =
      offered.length > 0
        ? {
            ...draft,
            offeredPredictions: (await session.preview(action.id, opInput, offered)).predictions,
          }
        : draft;
    const include: ReadonlySet<InclusionKind> = new Set();
    const first = recordPreviewModel(base, include, sendAnyway);
    return {
      model: first.model,
      records: { base, include, offered: first.offered, sideEffects: first.sideEffects },
    };
  }

  async function start(model: PreviewModel) {
    setError(null);
    setBusy(true);
    try {
      const tracker = await session.start(action.id, runInput(), model.runIds, runSettings);
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
          matching={matching}
          count={selectedIds.length}
          sample={sample}
          mode={mode}
          onMode={setMode}
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
          {...(model ? { stages: model.stages } : {})}
          error={error}
          onBack={() => setStep({ name: 'scope' })}
          onNext={(chosen) => void runPreview(ids, chosen)}
        />
      );
    case 'preview': {
      const { model: preview, records } = step;
      const model = preview;
      const offered = records?.offered ?? [];
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
          environment={environment}
          sendAnywayNote={sendAnywayNote}
          inputSummary={tagsSummary(action.id, input)}
          options={
            records && offered.length > 0 ? (
              <InclusionSwitches
                offered={offered}
                include={records.include}
                disabled={busy}
                onChange={(include) => {
                  const next = recordPreviewModel(records.base, include, sendAnyway);
                  setStep({
                    name: 'preview',
                    model: next.model,
                    records: { ...records, include, sideEffects: next.sideEffects },
                  });
                }}
              />
            ) : null
          }
          sideEffects={
            step.inUseDeleted ? (
              <p data-testid="bulk-in-use-deleted" role="note">
                {counted(step.inUseDeleted, noun)} still used by records will be deleted, as the
                plugin settings allow: those records keep pointing at{' '}
                {step.inUseDeleted === 1 ? 'it' : 'them'} and show a missing asset in{' '}
                {step.inUseDeleted === 1 ? 'its' : 'their'} place until someone picks another.
              </p>
            ) : records && records.sideEffects.length > 0 ? (
              <SideEffects
                effects={records.sideEffects}
                names={new Map([...records.base.facts].map(([id, f]) => [id, f.name]))}
              />
            ) : null
          }
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
        ? confirmationPhrase(count, noun.one === 'asset' ? 'asset' : 'record')
        : null;
      const stamp = () => new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
      return (
        <ConfirmStep
          noun={noun}
          environment={environment}
          count={count}
          phrase={phrase}
          leftOut={model.leftOut.length}
          busy={busy}
          error={error}
          onBack={() => setStep({ name: 'preview', model })}
          onConfirm={() => void start(model)}
          exportWhat={
            action.surface === 'uploads'
              ? 'the assets’ metadata (filename, URL, tags, collection, alt and title…)'
              : 'the records with every field value (JSON:API, as the API returns them)'
          }
          exportFormats={action.surface === 'uploads' ? ['csv', 'json'] : ['json']}
          onExportMetadata={async (format) => {
            const entities = await session.rawEntities(model.runIds);
            download(
              action.surface === 'uploads'
                ? assetMetadataFile(entities, format, stamp())
                : recordsFile(entities, stamp()),
            );
          }}
        />
      );
    }
    case 'progress':
      return (
        <Progress
          step={step}
          session={session}
          launcher={launcher}
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
          undoNote={flowPolicyFor(action.id).undoNote ?? null}
          leftOut={step.leftOut}
          canRetry={hasRetryable(step.report)}
          canUndo={step.canUndo}
          undoAlsoCovers={step.undoAlsoCovers}
          busy={busy}
          error={error}
          onClose={close}
          onExport={(format) => download(reportFile(step.runs, format))}
          onRetry={() =>
            void follow(
              () =>
                launcher.retry(
                  step.runs.map((r) => r.run.id),
                  runSettings,
                ),
              `${step.label}: retry failed`,
            )
          }
          onUndo={() =>
            void follow(
              () =>
                launcher.undo(
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
 * Reads the collection's model first: publish and unpublish need draft/published, move to stage
 * needs a workflow. For the others, a clear message instead of a run where every record fails.
 */
function ModelGate(props: {
  session: BulkSession;
  actionId: string;
  /** Read the workflow's stages too (stage moves, stage-bound rules). */
  withStages: boolean;
  itemTypeId: string | null;
  count: number;
  onClose: () => void;
  children: (model: RecordModel | null) => ReactNode;
}) {
  const { session, itemTypeId, withStages } = props;
  const model = useLoad(
    useCallback(
      () => (itemTypeId ? session.loadModel(itemTypeId, withStages) : Promise.resolve(null)),
      [session, itemTypeId, withStages],
    ),
  );
  if (model.status === 'loading') return <Spinner size={24} />;
  if (model.status === 'error')
    return (
      <>
        <p role="alert">Could not read the model: {model.message}</p>
        <Button onClick={props.onClose}>Close</Button>
      </>
    );
  const refusal = model.value
    ? (flowPolicyFor(props.actionId).modelRefusal?.({
        draftMode: model.value.draftMode,
        hasWorkflow: model.value.workflowId !== null && model.value.stages.length > 0,
      }) ?? null)
    : null;
  if (refusal)
    return (
      <>
        <p data-testid="bulk-scope-count">
          {counted(props.count, nounFor('items'), true)} selected
        </p>
        <p role="status" data-testid="bulk-model-refusal">
          {refusal}
        </p>
        <Button onClick={props.onClose}>Close</Button>
      </>
    );
  return <>{props.children(model.value)}</>;
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
  const pluginId = ctx.plugin.id;
  const session = useMemo(() => {
    const runScope = frameRunScope(ctx);
    return apiToken && environment && baseUrl && runScope
      ? new BulkSession({
          access: { apiToken, environment, baseUrl },
          runScope,
          bootId,
          role,
          resource: action?.surface === 'items' ? 'items' : 'uploads',
          locales: ctx.site.attributes.locales,
        })
      : null;
    // The role object is re-sent on every ctx change; its identity does not matter here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [apiToken, environment, baseUrl, siteId, pluginId, bootId, action?.surface]);
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

  // Who acts: creator-scoped rules compare a record's creator with the user, or with the users
  // of the same role (their roles read with ctx.loadUsers only when a rule needs them).
  const wantsUsers = !!action && needsCreatorRoles(role, action.id);
  const users = useLoad(
    useCallback(
      () =>
        wantsUsers
          ? Promise.all([ctx.loadUsers(), ctx.loadSsoUsers()]).then(
              ([u, sso]) => [...u, ...sso],
              () => [],
            )
          : Promise.resolve([]),
      // eslint-disable-next-line react-hooks/exhaustive-deps
      [wantsUsers],
    ),
  );
  const actor = actorFrom(
    ctx.currentUser as { id: string; type: string },
    role,
    users.status === 'ready' ? (users.value as never[]) : [],
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
          {action.title} is not available: {availability.reason}.
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
  } else if (action.id === 'uploadCollections.reorder') {
    body = (
      <ReorderCollections
        session={session}
        role={role}
        environment={ctx.environment}
        primary={ctx.isEnvironmentPrimary}
        jobsInFlight={settings.jobsInFlight}
        onClose={close}
      />
    );
  } else if (action.surface === 'items') {
    body = (
      <ModelGate
        session={session}
        actionId={action.id}
        withStages={needsStages(role, action.id)}
        itemTypeId={parameters.itemTypeId}
        count={parameters.ids.length}
        onClose={close}
      >
        {(model) => (
          <Flow
            ctx={ctx}
            action={action}
            parameters={parameters}
            session={session}
            settings={settings}
            model={model}
            actor={actor}
          />
        )}
      </ModelGate>
    );
  } else {
    body = (
      <Flow
        ctx={ctx}
        action={action}
        parameters={parameters}
        session={session}
        settings={settings}
        model={null}
        actor={actor}
      />
    );
  }
  return (
    <Canvas ctx={ctx}>
      <div data-testid="bulk-modal">{body ?? <Spinner size={24} />}</div>
    </Canvas>
  );
}
