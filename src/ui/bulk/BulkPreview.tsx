import type { BulkActionDefinition } from '../../actions/catalog';
import type { BulkFlow } from '../../flow/bulkFlow';
import type { BulkFlowSnapshot, PreviewStepState } from '../../flow/bulkFlowTypes';
import { tagsSummary } from './bulkInput';
import { InclusionSwitches } from './InclusionSwitches';
import { counted, nounFor } from './nouns';
import { PreviewStep } from './PreviewStep';
import { SideEffects } from './SideEffects';

/** The preview step of the bulk flow: rows, counts, what is left out or sent anyway, side effects. */
export function BulkPreview(props: {
  flow: BulkFlow;
  snapshot: BulkFlowSnapshot;
  step: PreviewStepState;
  action: BulkActionDefinition;
  environment: { name: string; primary: boolean };
}) {
  const { flow, snapshot, step, action } = props;
  const { model, records } = step;
  const noun = nounFor(action.surface);
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
      environment={props.environment}
      sendAnywayNote={sendAnywayNote}
      inputSummary={tagsSummary(action.id, snapshot.input)}
      options={
        records && offered.length > 0 ? (
          <InclusionSwitches
            offered={offered}
            include={records.include}
            disabled={snapshot.busy}
            onChange={flow.include}
          />
        ) : null
      }
      sideEffects={
        step.inUseDeleted ? (
          <p data-testid="bulk-in-use-deleted" role="note">
            {counted(step.inUseDeleted, noun)} still used by records will be deleted, as the plugin
            settings allow: those records keep pointing at {step.inUseDeleted === 1 ? 'it' : 'them'}{' '}
            and show a missing asset in {step.inUseDeleted === 1 ? 'its' : 'their'} place until
            someone picks another.
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
      busy={snapshot.busy}
      error={snapshot.error}
      onBack={flow.backFromPreview}
      onNext={() => flow.next(model)}
    />
  );
}
