import type { ModelField } from './recordModel';
import { FILTERABLE } from './recordModel';
import {
  OPERATOR_LABELS,
  STATUS_OPTIONS,
  filterableFields,
  type FieldOperator,
  type RecordScopeFilter,
} from './recordScopeFilter';
import { RECORD } from './nouns';
import { ExcludeSelected } from './ScopeStep';
import s from './bulk.module.css';

/** "All records of this model matching": status, text, one field condition, excludes. */
export function RecordMatchingForm(props: {
  modelName: string;
  filter: RecordScopeFilter;
  onFilter: (f: RecordScopeFilter) => void;
  fields: readonly ModelField[];
  draftMode: boolean;
  selectedCount: number;
}) {
  const { filter } = props;
  const set = (patch: Partial<RecordScopeFilter>) => props.onFilter({ ...filter, ...patch });
  const fields = filterableFields(props.fields);
  const field = fields.find((f) => f.apiKey === filter.field);
  const operators = field ? (FILTERABLE[field.type] ?? []) : [];
  return (
    <fieldset className={s.step} data-testid="bulk-scope-filter">
      <legend className="sr-only">Filter the records of {props.modelName}</legend>
      {props.draftMode && (
        <div className={s.field}>
          <label htmlFor="bulk-scope-status">Status</label>
          <select
            id="bulk-scope-status"
            value={filter.status}
            onChange={(e) => set({ status: e.target.value as RecordScopeFilter['status'] })}
          >
            <option value="">Any status</option>
            {STATUS_OPTIONS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className={s.field}>
        <label htmlFor="bulk-scope-query">Text (searched in the text fields)</label>
        <input
          id="bulk-scope-query"
          value={filter.query}
          autoComplete="off"
          onChange={(e) => set({ query: e.target.value })}
        />
      </div>
      <div className={s.field}>
        <label htmlFor="bulk-scope-field">Field</label>
        <select
          id="bulk-scope-field"
          value={filter.field}
          onChange={(e) => {
            const next = fields.find((f) => f.apiKey === e.target.value);
            set({
              field: e.target.value,
              operator: next ? (FILTERABLE[next.type]?.[0] ?? 'eq') : 'matches',
              value: '',
            });
          }}
        >
          <option value="">No field condition</option>
          {fields.map((f) => (
            <option key={f.apiKey} value={f.apiKey}>
              {f.label}
            </option>
          ))}
        </select>
      </div>
      {field && (
        <div className={s.field}>
          <label htmlFor="bulk-scope-operator">{field.label}</label>
          <select
            id="bulk-scope-operator"
            value={filter.operator}
            onChange={(e) => set({ operator: e.target.value as FieldOperator, value: '' })}
          >
            {operators.map((op) => (
              <option key={op} value={op}>
                {OPERATOR_LABELS[op]}
              </option>
            ))}
          </select>
          {filter.operator === 'exists' ? (
            <select
              aria-label={`${field.label} is filled in`}
              value={filter.value === 'false' ? 'false' : 'true'}
              onChange={(e) => set({ value: e.target.value })}
            >
              <option value="true">Yes</option>
              <option value="false">No (empty)</option>
            </select>
          ) : field.type === 'boolean' ? (
            <select
              aria-label={`${field.label} value`}
              value={filter.value}
              onChange={(e) => set({ value: e.target.value })}
            >
              <option value="">Choose…</option>
              <option value="true">Yes</option>
              <option value="false">No</option>
            </select>
          ) : (
            <input
              aria-label={`${field.label} value`}
              data-testid="bulk-scope-field-value"
              value={filter.value}
              autoComplete="off"
              placeholder={field.type === 'link' ? 'Record id' : ''}
              onChange={(e) => set({ value: e.target.value })}
            />
          )}
        </div>
      )}
      <ExcludeSelected
        checked={filter.excludeSelected}
        onChange={(excludeSelected) => set({ excludeSelected })}
        count={props.selectedCount}
        noun={RECORD}
      />
    </fieldset>
  );
}
