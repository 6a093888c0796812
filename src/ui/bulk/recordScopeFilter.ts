/** "All records of this model matching": the scope form's values, turned into a GET /items filter. */
import type { Selection } from '../../engine/selection';
import { FILTERABLE, type ModelField } from './recordModel';

export type FieldOperator = 'matches' | 'eq' | 'exists';

/** One condition on a model field; field '' = not chosen yet. */
export type FieldCondition = {
  readonly field: string;
  readonly operator: FieldOperator;
  readonly value: string;
};

export type RecordScopeFilter = {
  /** '' = any status. */
  readonly status: '' | 'draft' | 'updated' | 'published';
  /** Free text, searched in the text fields. */
  readonly query: string;
  /** Field conditions, all of which must hold; one field at most once. */
  readonly conditions: readonly FieldCondition[];
  /** Leave out the records selected in the collection. */
  readonly excludeSelected: boolean;
};

export const EMPTY_CONDITION: FieldCondition = { field: '', operator: 'matches', value: '' };

export const EMPTY_RECORD_FILTER: RecordScopeFilter = {
  status: '',
  query: '',
  conditions: [EMPTY_CONDITION],
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
function fieldCondition(c: FieldCondition, field: ModelField | undefined): unknown {
  if (!field) return null;
  if (c.operator === 'exists') return { exists: c.value !== 'false' };
  const value = c.value.trim();
  if (value === '') return null;
  if (c.operator === 'matches')
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
  for (const c of f.conditions) {
    const condition = fieldCondition(
      c,
      fields.find((x) => x.apiKey === c.field),
    );
    if (c.field && condition) conditions[c.field] = condition;
  }
  const filter: Record<string, unknown> = { type: itemTypeId };
  if (f.query.trim()) filter.query = f.query.trim();
  if (Object.keys(conditions).length) filter.fields = conditions;
  return filter;
}

/** A field was chosen but its value is missing: the form says so instead of ignoring it. */
export function incompleteField(f: RecordScopeFilter, fields: readonly ModelField[]): boolean {
  return f.conditions.some(
    (c) =>
      c.field !== '' &&
      fieldCondition(
        c,
        fields.find((x) => x.apiKey === c.field),
      ) === null,
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
