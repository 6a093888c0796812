/** "All records of this model matching": the scope form's values, turned into a GET /items filter. */
import type { Selection } from '../../engine/selection';
import { FILTERABLE, type ModelField } from './recordModel';

export type FieldOperator = 'matches' | 'eq' | 'exists';

export type RecordScopeFilter = {
  /** '' = any status. */
  readonly status: '' | 'draft' | 'updated' | 'published';
  /** Free text, searched in the text fields. */
  readonly query: string;
  /** One field condition; '' = none. */
  readonly field: string;
  readonly operator: FieldOperator;
  readonly value: string;
  /** Leave out the records selected in the collection. */
  readonly excludeSelected: boolean;
};

export const EMPTY_RECORD_FILTER: RecordScopeFilter = {
  status: '',
  query: '',
  field: '',
  operator: 'matches',
  value: '',
  excludeSelected: false,
};

export const STATUS_OPTIONS = [
  ['draft', 'Draft (never published)'],
  ['updated', 'Updated (published, with a newer draft)'],
  ['published', 'Published'],
] as const;

export const OPERATOR_LABELS: Record<FieldOperator, string> = {
  matches: 'contains',
  eq: 'is',
  exists: 'is filled in',
};

export function filterableFields(fields: readonly ModelField[]): ModelField[] {
  return fields.filter((f) => FILTERABLE[f.type] !== undefined);
}

/** The condition on the chosen field, or null when it is incomplete. */
function fieldCondition(f: RecordScopeFilter, field: ModelField | undefined): unknown {
  if (!field) return null;
  if (f.operator === 'exists') return { exists: f.value !== 'false' };
  const value = f.value.trim();
  if (value === '') return null;
  if (f.operator === 'matches')
    return { matches: { pattern: value, case_sensitive: false, regexp: false } };
  if (field.type === 'boolean') return { eq: value === 'true' };
  if (field.type === 'float' || field.type === 'integer') {
    const n = Number(value);
    return Number.isFinite(n) ? { eq: n } : null;
  }
  return { eq: value };
}

/** The `filter` of GET /items (DatoCMS spelling): always the model, then the conditions. */
export function toItemFilter(
  f: RecordScopeFilter,
  itemTypeId: string,
  fields: readonly ModelField[],
): Record<string, unknown> {
  const conditions: Record<string, unknown> = {};
  if (f.status) conditions._status = { eq: f.status };
  const condition = fieldCondition(
    f,
    fields.find((x) => x.apiKey === f.field),
  );
  if (f.field && condition) conditions[f.field] = condition;
  const filter: Record<string, unknown> = { type: itemTypeId };
  if (f.query.trim()) filter.query = f.query.trim();
  if (Object.keys(conditions).length) filter.fields = conditions;
  return filter;
}

/** A field was chosen but its value is missing: the form says so instead of ignoring it. */
export function incompleteField(f: RecordScopeFilter, fields: readonly ModelField[]): boolean {
  return (
    f.field !== '' &&
    fieldCondition(
      f,
      fields.find((x) => x.apiKey === f.field),
    ) === null
  );
}

export function matchingRecordSelection(
  f: RecordScopeFilter,
  itemTypeId: string,
  fields: readonly ModelField[],
  selectedIds: readonly string[],
): Selection {
  return {
    resource: 'items',
    queries: [
      {
        filter: toItemFilter(f, itemTypeId, fields),
        exclude: f.excludeSelected ? [...selectedIds] : [],
      },
    ],
  };
}
