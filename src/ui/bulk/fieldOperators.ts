/**
 * The field conditions the record scope offers, per field type, from the client's typed filter
 * schemas (`itemInstancesHrefSchema.ts`, reached through `ToItemHrefSchemaField`): the compiler
 * refuses an operator the schema does not give that field type. Slug takes eq / neq / in / not_in
 * only; text and string use `is_present` / `is_blank` instead of the deprecated `exists`.
 */
import type {
  FieldDefinition,
  ItemTypeDefinition,
  ToItemHrefSchemaField,
} from '@datocms/cma-client-browser';

/** Field types without blocks (their filters are plain: no block definitions needed). */
type FieldType = Exclude<FieldDefinition['type'], 'rich_text' | 'single_block' | 'structured_text'>;
type FilterOf<T extends FieldType> = NonNullable<
  ToItemHrefSchemaField<ItemTypeDefinition<{ locales: string }, string, { f: { type: T } }>>['f']
>;
/** The schema's operators of a field type (its `HrefFilter` keys). */
type OperatorOf<T extends FieldType> = keyof FilterOf<T>;

const table = {
  string: ['matches', 'not_matches', 'eq', 'neq', 'in', 'not_in', 'is_present', 'is_blank'],
  text: ['matches', 'not_matches', 'is_present', 'is_blank'],
  slug: ['eq', 'neq', 'in', 'not_in'],
  boolean: ['eq'],
  integer: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'exists'],
  float: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'exists'],
  date: ['eq', 'gt', 'lt', 'exists'],
  link: ['eq', 'neq', 'exists'],
  links: ['any_in', 'not_in', 'exists'],
} as const;

// Each row is checked against the schema of its own field type.
type Checked = { readonly [T in keyof typeof table]: readonly OperatorOf<T>[] };
export const OPERATORS: Checked = table satisfies Checked;

export type FilterableType = keyof typeof table;
export type FieldOperator = (typeof table)[FilterableType][number];

export function operatorsFor(type: string): readonly FieldOperator[] {
  return (OPERATORS as Partial<Record<string, readonly FieldOperator[]>>)[type] ?? [];
}

export const isFilterable = (type: string): boolean => operatorsFor(type).length > 0;

/** Operators without a value (the condition is the operator itself). */
export const VALUELESS: ReadonlySet<FieldOperator> = new Set(['is_present', 'is_blank']);
/** Operators taking a list ("a, b, c"). */
export const LIST_OPERATORS: ReadonlySet<FieldOperator> = new Set(['in', 'not_in']);

export function operatorLabel(op: FieldOperator, type: string): string {
  const dated = type === 'date';
  switch (op) {
    case 'matches':
      return 'contains';
    case 'not_matches':
      return 'does not contain';
    case 'eq':
      return dated ? 'is on' : 'is';
    case 'neq':
      return 'is not';
    case 'in':
      return 'is one of';
    case 'not_in':
      return type === 'links' ? 'does not include' : 'is none of';
    case 'any_in':
      return 'includes';
    case 'gt':
      return dated ? 'is after' : 'is greater than';
    case 'gte':
      return 'is at least';
    case 'lt':
      return dated ? 'is before' : 'is less than';
    case 'lte':
      return 'is at most';
    case 'exists':
      return 'is filled in';
    case 'is_present':
      return 'is filled in';
    case 'is_blank':
      return 'is empty';
  }
}
