import { useCallback } from 'react';
import type { BulkFlow } from '../../flow/bulkFlow';
import type { BulkFlowSnapshot } from '../../flow/bulkFlowTypes';
import { nounFor } from './nouns';
import { RecordMatchingForm } from './RecordMatchingForm';
import type { RecordModel } from './recordModel';
import { incompleteField } from './recordScopeFilter';
import { ScopeStep, UploadMatchingForm, type MatchingScope } from './ScopeStep';
import { isEmptyFilter } from './scopeFilter';
import type { BulkSession } from './session';
import type { ActionSurface } from '../../actions/catalog';

/** The scope step of the bulk flow: the selection, or all assets or records matching a filter. */
export function BulkScope(props: {
  flow: BulkFlow;
  snapshot: BulkFlowSnapshot;
  surface: ActionSurface;
  model: RecordModel | null;
  session: BulkSession;
  selectedIds: readonly string[];
  locales: string[];
  onClose: () => void;
}) {
  const { flow, snapshot: s, model, session, selectedIds } = props;
  const findRecords = useCallback(
    (targets: readonly string[], text: string) => session.findRecords(targets, text),
    [session],
  );
  const matching: MatchingScope | null = model
    ? {
        label: `All records of ${model.name} matching a filter`,
        form: (
          <RecordMatchingForm
            modelName={model.name}
            filter={s.recordFilter}
            onFilter={flow.setRecordFilter}
            fields={model.fields}
            draftMode={model.draftMode}
            selectedCount={selectedIds.length}
            locales={props.locales}
            findRecords={findRecords}
          />
        ),
        missing: incompleteField(s.recordFilter, model.fields)
          ? 'Give each field condition a value, or remove it.'
          : null,
        excludeSelected: s.recordFilter.excludeSelected,
      }
    : props.surface !== 'uploads'
      ? // Records without a known model (no item type in the selection): the selection only.
        null
      : {
          label: 'All assets matching a filter',
          form: (
            <UploadMatchingForm
              filter={s.filter}
              onFilter={flow.setFilter}
              collections={s.collections}
              selectedCount={selectedIds.length}
            />
          ),
          missing: isEmptyFilter(s.filter) ? 'Set at least one filter.' : null,
          excludeSelected: s.filter.excludeSelected,
        };
  return (
    <ScopeStep
      noun={nounFor(props.surface)}
      matching={matching}
      count={selectedIds.length}
      sample={s.sample}
      mode={s.mode}
      onMode={flow.setMode}
      matchCount={s.matchCount}
      filterKey={s.filterKey}
      onCount={flow.countMatching}
      busy={s.busy}
      error={s.error}
      onClose={props.onClose}
      onNext={() => void flow.confirmScope()}
    />
  );
}
