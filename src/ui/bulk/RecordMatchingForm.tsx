import type { ModelField } from './recordModel';
import { Button } from 'datocms-react-ui';
import { LIST_OPERATORS, VALUELESS, operatorLabel, operatorsFor } from './fieldOperators';
import {
  EMPTY_CONDITION,
  STATUS_OPTIONS,
  conditionFor,
  filterableFields,
  usesLocale,
  type FieldCondition,
  type FieldOperator,
  type RecordScopeFilter,
} from './recordScopeFilter';
import { LinkedRecordPicker, type FindRecords } from './LinkedRecordPicker';
import { RECORD } from './nouns';
import { ExcludeSelected } from './ScopeStep';
import s from './bulk.module.css';

/** One field condition: the field, how it compares, and the value. */
function ConditionRow(props: {
  index: number;
  condition: FieldCondition;
  fields: readonly ModelField[];
  onChange: (c: FieldCondition) => void;
  onRemove: (() => void) | null;
  findRecords: FindRecords;
}) {
  const { condition, index } = props;
  const set = (patch: Partial<FieldCondition>) => props.onChange({ ...condition, ...patch });
  const field = props.fields.find((f) => f.apiKey === condition.field);
  const operators = field ? operatorsFor(field.type) : [];
  const n = index === 0 ? '' : ` ${index + 1}`;
  return (
    <div className={s.condition} data-testid="bulk-scope-condition">
      <div className={s.field}>
        <label htmlFor={`bulk-scope-field-${index}`}>Field{n}</label>
        <select
          id={`bulk-scope-field-${index}`}
          value={condition.field}
          onChange={(e) =>
            props.onChange(conditionFor(props.fields.find((f) => f.apiKey === e.target.value)))
          }
        >
          <option value="">No field condition</option>
          {props.fields.map((f) => (
            <option key={f.apiKey} value={f.apiKey}>
              {f.label}
            </option>
          ))}
        </select>
      </div>
      {field && (
        <div className={s.field}>
          <label htmlFor={`bulk-scope-operator-${index}`}>{field.label}</label>
          <select
            id={`bulk-scope-operator-${index}`}
            value={condition.operator}
            onChange={(e) => set({ operator: e.target.value as FieldOperator, value: '' })}
          >
            {operators.map((op) => (
              <option key={op} value={op}>
                {operatorLabel(op, field.type)}
              </option>
            ))}
          </select>
        </div>
      )}
      {field && !VALUELESS.has(condition.operator) && (
        <div className={s.field}>
          {condition.operator === 'exists' ? (
            <select
              aria-label={`${field.label} is filled in`}
              value={condition.value === 'false' ? 'false' : 'true'}
              onChange={(e) => set({ value: e.target.value })}
            >
              <option value="true">Yes</option>
              <option value="false">No (empty)</option>
            </select>
          ) : field.type === 'boolean' ? (
            <select
              aria-label={`${field.label} value`}
              value={condition.value}
              onChange={(e) => set({ value: e.target.value })}
            >
              <option value="">Choose…</option>
              <option value="true">Yes</option>
              <option value="false">No</option>
            </select>
          ) : field.type === 'link' || field.type === 'links' ? (
            <LinkedRecordPicker
              // Its search belongs to this field: a row showing another field starts afresh.
              key={field.apiKey}
              label={field.label}
              targets={field.targets ?? []}
              value={condition.value}
              onChange={(value) => set({ value })}
              find={props.findRecords}
            />
          ) : LIST_OPERATORS.has(condition.operator) ? (
            <input
              aria-label={`${field.label} values, separated by commas`}
              placeholder="a, b, c"
              data-testid="bulk-scope-field-value"
              value={condition.value}
              autoComplete="off"
              onChange={(e) => set({ value: e.target.value })}
            />
          ) : (
            <input
              aria-label={`${field.label} value`}
              data-testid="bulk-scope-field-value"
              type={field.type === 'date' ? 'date' : 'text'}
              inputMode={field.type === 'integer' || field.type === 'float' ? 'decimal' : undefined}
              value={condition.value}
              autoComplete="off"
              onChange={(e) => set({ value: e.target.value })}
            />
          )}
        </div>
      )}
      {props.onRemove && (
        <div>
          <Button buttonSize="xxs" buttonType="muted" onClick={props.onRemove}>
            <span aria-hidden="true">Remove</span>
            <span className="sr-only">Remove the condition{field ? ` on ${field.label}` : ''}</span>
          </Button>
        </div>
      )}
    </div>
  );
}

/** "All records of this model matching": status, text, field conditions, excludes. */
export function RecordMatchingForm(props: {
  modelName: string;
  filter: RecordScopeFilter;
  onFilter: (f: RecordScopeFilter) => void;
  fields: readonly ModelField[];
  draftMode: boolean;
  selectedCount: number;
  /** The environment's locales, the main one first. */
  locales: readonly string[];
  /** Link fields: searches the linked models' records for the value. */
  findRecords: FindRecords;
}) {
  const { filter, locales } = props;
  const set = (patch: Partial<RecordScopeFilter>) => props.onFilter({ ...filter, ...patch });
  const fields = filterableFields(props.fields);
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
      {filter.query.trim() !== '' && (
        <p className={s.hint} data-testid="bulk-scope-query-lag">
          Text search runs on DatoCMS’s search index, which catches up with edits after about 30
          seconds: records created or changed in the last half minute may be missing, or matched by
          their previous text.
        </p>
      )}
      {filter.conditions.map((condition, index) => (
        <ConditionRow
          key={index}
          index={index}
          condition={condition}
          findRecords={props.findRecords}
          // One field at most once: a row offers the fields no other row uses.
          fields={fields.filter(
            (f) =>
              f.apiKey === condition.field || !filter.conditions.some((c) => c.field === f.apiKey),
          )}
          onChange={(next) =>
            set({ conditions: filter.conditions.map((c, i) => (i === index ? next : c)) })
          }
          onRemove={
            filter.conditions.length > 1 || condition.field !== ''
              ? () => {
                  const rest = filter.conditions.filter((_, i) => i !== index);
                  set({ conditions: rest.length > 0 ? rest : [EMPTY_CONDITION] });
                }
              : null
          }
        />
      ))}
      {filter.conditions.every((c) => c.field !== '') &&
        filter.conditions.length < fields.length && (
          <div>
            <Button
              buttonSize="xxs"
              onClick={() => set({ conditions: [...filter.conditions, EMPTY_CONDITION] })}
            >
              Add a field condition
            </Button>
          </div>
        )}
      {locales.length > 1 && usesLocale(filter, props.fields) && (
        <div className={s.field}>
          <label htmlFor="bulk-scope-locale">Match text and localized fields in</label>
          <select
            id="bulk-scope-locale"
            value={filter.locale || locales[0]}
            onChange={(e) => set({ locale: e.target.value === locales[0] ? '' : e.target.value })}
          >
            {locales.map((l, i) => (
              <option key={l} value={l}>
                {i === 0 ? `${l} (main locale)` : l}
              </option>
            ))}
          </select>
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
