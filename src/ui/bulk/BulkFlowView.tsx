import type { BulkActionDefinition } from '../../actions/catalog';
import type { Actor } from '../../config/itemPermissions';
import type { PluginParameters } from '../../config/parameters';
import type { RoleLike } from '../../config/permissions';
import type { RunLauncher } from '../../flow/runLauncher';
import { flowPolicyFor } from '../../operations/flowPolicies';
import { BulkPreview } from './BulkPreview';
import { BulkScope } from './BulkScope';
import { confirmationPhrase, needsTypedConfirmation } from './confirm';
import { ConfirmStep } from './ConfirmStep';
import { download, reportFile } from './exportFile';
import { exportFile, exportFormats, exportWhat } from './exportFormats';
import { Progress } from './FollowRun';
import { InputStep } from './InputStep';
import { nounFor } from './nouns';
import type { RecordModel } from './recordModel';
import { hasRetryable } from './report';
import { ReportStep } from './ReportStep';
import type { BulkSession } from './session';
import { useBulkFlow } from './useBulkFlow';

/** The bulk modal's steps, each a thin view of the flow's snapshot. */
export function BulkFlowView(props: {
  action: BulkActionDefinition;
  selectedIds: readonly string[];
  session: BulkSession;
  /** Retry and Undo from the report: Undo covers the runs retried too. */
  launcher: RunLauncher;
  settings: PluginParameters;
  /** Record actions: the collection's model. */
  model: RecordModel | null;
  role: RoleLike;
  environment: { name: string; primary: boolean };
  locales: string[];
  /** Who acts, for creator-scoped rules. */
  actor: Actor;
  onClose: () => void;
}) {
  const { action, session, launcher, settings, model, onClose } = props;
  const [flow, s] = useBulkFlow({
    port: {
      ...pick(session),
      retry: (ids, st) => launcher.retry(ids, st),
      undo: (ids, st) => launcher.undo(ids, st),
    },
    action,
    selectedIds: props.selectedIds,
    settings,
    model,
    role: props.role,
    environment: props.environment.name,
    actor: props.actor,
  });
  const noun = nounFor(action.surface);
  const step = s.step;
  switch (step.name) {
    case 'scope':
      return (
        <BulkScope
          flow={flow}
          snapshot={s}
          surface={action.surface}
          model={model}
          session={session}
          selectedIds={props.selectedIds}
          locales={props.locales}
          onClose={onClose}
        />
      );
    case 'input':
      return (
        <InputStep
          actionId={action.id}
          input={s.input}
          onChange={flow.setInput}
          knownTags={s.knownTags}
          presets={settings.tagPresets}
          collections={s.collections}
          {...(model ? { stages: model.stages } : {})}
          error={s.error}
          onBack={flow.toScope}
          onNext={(chosen) => void flow.preview(s.ids, chosen)}
        />
      );
    case 'preview':
      return (
        <BulkPreview
          flow={flow}
          snapshot={s}
          step={step}
          action={action}
          environment={props.environment}
        />
      );
    case 'confirm': {
      const { model: preview } = step;
      const count = preview.runIds.length;
      const phrase = needsTypedConfirmation(true, count, settings.typedConfirmationThreshold)
        ? confirmationPhrase(count, noun.one === 'asset' ? 'asset' : 'record')
        : null;
      return (
        <ConfirmStep
          noun={noun}
          environment={props.environment}
          count={count}
          phrase={phrase}
          leftOut={preview.leftOut.length}
          busy={s.busy}
          error={s.error}
          onBack={() => flow.backToPreview(preview)}
          onConfirm={() => void flow.start(preview)}
          exportWhat={exportWhat(action.surface)}
          exportFormats={exportFormats(action.surface)}
          onExportMetadata={async (format) =>
            download(exportFile(action.surface, await session.rawEntities(preview.runIds), format))
          }
        />
      );
    }
    case 'progress':
      return (
        <Progress
          step={step}
          session={session}
          launcher={launcher}
          onClose={onClose}
          onReport={flow.report}
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
          busy={s.busy}
          error={s.error}
          onClose={onClose}
          onExport={(format) => download(reportFile(step.runs, format))}
          onRetry={() => void flow.retry()}
          onUndo={() => void flow.undo()}
        />
      );
  }
}

/** The session's methods the flow calls, bound to it. */
function pick(session: BulkSession) {
  return {
    entities: session.entities.bind(session),
    loadKnownTags: session.loadKnownTags.bind(session),
    loadCollections: session.loadCollections.bind(session),
    countMatching: session.countMatching.bind(session),
    resolve: session.resolve.bind(session),
    preview: session.preview.bind(session),
    inUse: session.inUse.bind(session),
    collectionParents: session.collectionParents.bind(session),
    recordContext: session.recordContext.bind(session),
    start: session.start.bind(session),
  };
}
