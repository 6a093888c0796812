/** "All records of this model matching": the scope form's values, turned into a GET /items filter. */
import type { Selection } from '../../engine/selection';
import {
  LIST_OPERATORS,
  VALUELESS,
  isFilterable,
  operatorsFor,
  type FieldOperator,
} from './fieldOperators';
import type { ModelField } from './recordModel';

export type { FieldOperator } from './fieldOperators';

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
  /** The locale text and localized fields are matched in; '' = the environment's main locale. */
  readonly locale: string;
  /** Leave out the records selected in the collection. */
  readonly excludeSelected: boolean;
};

export const EMPTY_CONDITION: FieldCondition = { field: '', operator: 'matches', value: '' };

export const EMPTY_RECORD_FILTER: RecordScopeFilter = {
  status: '',
  query: '',
  conditions: [EMPTY_CONDITION],
  locale: '',
  excludeSelected: false,
};

export const STATUS_OPTIONS = [
  ['draft', 'Draft (never published)'],
  ['updated', 'Updated (published, with a newer draft)'],
  ['published', 'Published'],
] as const;

export function filterableFields(fields: readonly ModelField[]): ModelField[] {
  return fields.filter((f) => isFilterable(f.type));
}

/** A condition row after its field changed: the field's first operator, no value. */
export function conditionFor(field: ModelField | undefined): FieldCondition {
  return field
    ? { field: field.apiKey, operator: operatorsFor(field.type)[0] ?? 'eq', value: '' }
    : EMPTY_CONDITION;
}

function scalar(value: string, type: string): unknown {
  if (type === 'boolean') return value === 'true' ? true : value === 'false' ? false : null;
  if (type === 'float' || type === 'integer') {
    const n = Number(value);
    if (value === '' || !Number.isFinite(n) || (type === 'integer' && !Number.isInteger(n)))
      return null;
    return n;
  }
  if (type === 'date') return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
  return value === '' ? null : value;
}

/** The condition on the chosen field (API spelling), or null when it is incomplete. */
export function fieldCondition(c: FieldCondition, field: ModelField | undefined): unknown {
  if (!field || !operatorsFor(field.type).includes(c.operator)) return null;
  const op = c.operator;
  if (VALUELESS.has(op)) return { [op]: true };
  if (op === 'exists') return { exists: c.value !== 'false' };
  const value = c.value.trim();
  if (op === 'matches' || op === 'not_matches')
    return value ? { [op]: { pattern: value, case_sensitive: false, regexp: false } } : null;
  if (field.type === 'links') return value ? { [op]: [value] } : null;
  if (LIST_OPERATORS.has(op)) {
    const list = value
      .split(',')
      .map((v) => scalar(v.trim(), field.type))
      .filter((v) => v !== null);
    return list.length > 0 ? { [op]: list } : null;
  }
  const v = scalar(value, field.type);
  return v === null ? null : { [op]: v };
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

/** Whether the locale matters: a text search, or a condition on a localized field. */
export function usesLocale(f: RecordScopeFilter, fields: readonly ModelField[]): boolean {
  return (
    f.query.trim() !== '' ||
    f.conditions.some((c) => fields.find((x) => x.apiKey === c.field)?.localized === true)
  );
}

/** GET /items' `locale` parameter for the filter (top level, per RawApiTypes), or undefined. */
export function scopeLocale(
  f: RecordScopeFilter,
  fields: readonly ModelField[],
): string | undefined {
  return f.locale && usesLocale(f, fields) ? f.locale : undefined;
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
