/**
 * Query-string helpers for list endpoints: paging (default/max per endpoint), id lists, ordering,
 * and the GraphQL-like `filter[fields]` conditions. Bad input answers 422 like the CMA.
 */
import { invalidFormat, SimError } from './errors';

export type Query = Record<string, unknown>;

export type Page = { limit: number; offset: number };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function integerParam(raw: unknown, name: string): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const text = str(raw);
  if (text === undefined || !/^-?\d+$/.test(text)) {
    throw invalidFormat([
      `#/${name}: failed schema: expected an integer, got ${JSON.stringify(raw)}`,
    ]);
  }
  return Number(text);
}

export function parsePage(
  query: Query,
  defaultLimit: number,
  maxLimit: number,
  minLimit = 1,
): Page {
  const page = record(query.page);
  const limit = integerParam(page.limit, 'page/limit') ?? defaultLimit;
  const offset = integerParam(page.offset, 'page/offset') ?? 0;
  if (limit < minLimit || limit > maxLimit) {
    throw invalidFormat([
      `#/page/limit: failed schema: ${limit} is not between ${minLimit} and ${maxLimit}`,
    ]);
  }
  if (offset < 0) throw invalidFormat([`#/page/offset: failed schema: ${offset} is below 0`]);
  return { limit, offset };
}

export function paginate<T>(list: readonly T[], page: Page): T[] {
  return list.slice(page.offset, page.offset + page.limit);
}

/** `filter[ids]`: a comma-separated string (what the client sends) or an array. */
export function idList(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  const parts = Array.isArray(value) ? value : String(value).split(',');
  return parts.map((part) => String(part).trim()).filter((part) => part !== '');
}

export function badFilter(message: string, extra: Record<string, unknown> = {}): SimError {
  return new SimError(422, 'INVALID_FILTER_FIELDS_PARAM', { message, ...extra });
}

export type FieldKind = 'string' | 'number' | 'date' | 'boolean' | 'list' | 'ref' | 'refs';

/** Operators per kind; snake_case as in the docs, camelCase (GraphQL) accepted too. */
const OPERATORS: Record<FieldKind, string[]> = {
  string: ['eq', 'neq', 'in', 'not_in', 'matches', 'not_matches', 'exists', 'is_blank'],
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'exists'],
  date: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'exists'],
  boolean: ['eq'],
  list: ['contains', 'any_in', 'all_in', 'not_in', 'exists'],
  ref: ['eq', 'neq', 'in', 'not_in', 'exists'],
  refs: ['eq', 'any_in', 'all_in', 'not_in', 'exists'],
};

function snake(operator: string): string {
  return operator.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

export type Predicate<T> = (entity: T) => boolean;

function listOf(value: unknown, path: string): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (isRecord(value)) return Object.values(value).map(String);
  if (typeof value === 'string') return [value];
  throw badFilter(`${path} expects a list of values`);
}

function bool(value: unknown, path: string): boolean {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw badFilter(`${path} expects true or false`);
}

function num(value: unknown, path: string): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (typeof value === 'boolean' || value === '' || !Number.isFinite(n)) {
    throw badFilter(`${path} expects a number`);
  }
  return n;
}

function dateMs(value: unknown, path: string): number {
  const ms = Date.parse(String(value));
  if (Number.isNaN(ms)) throw badFilter(`${path} expects an ISO 8601 date`);
  return ms;
}

function matcher(value: unknown, path: string): (text: string) => boolean {
  const spec = isRecord(value) ? value : { pattern: value };
  const pattern = str(spec.pattern);
  if (pattern === undefined) throw badFilter(`${path} expects a pattern`);
  const caseSensitive = spec.case_sensitive === true || spec.case_sensitive === 'true';
  const regexp = !(spec.regexp === false || spec.regexp === 'false');
  let re: RegExp;
  try {
    const source = regexp ? pattern : pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    re = new RegExp(source, caseSensitive ? '' : 'i');
  } catch {
    throw badFilter(`${path}: invalid regular expression`);
  }
  return (text) => re.test(text);
}

function isEmpty(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}

/**
 * Builds a predicate for one field's conditions, e.g. `{any_in: ['a', 'b']}` on a list field.
 * `read` returns the entity's value; `normalize` maps query values (e.g. "null" → null for refs).
 */
export function condition<T>(
  path: string,
  kind: FieldKind,
  conditions: unknown,
  read: (entity: T) => unknown,
): Predicate<T> {
  if (!isRecord(conditions)) throw badFilter(`${path} expects an object of operators`);
  const predicates: Predicate<T>[] = [];
  for (const [rawOperator, value] of Object.entries(conditions)) {
    const operator = snake(rawOperator);
    const where = `${path}[${rawOperator}]`;
    if (!OPERATORS[kind].includes(operator)) {
      throw badFilter(`${where}: operator not supported for this field`, {
        supported: OPERATORS[kind],
      });
    }
    predicates.push(operatorPredicate(where, kind, operator, value, read));
  }
  return (entity) => predicates.every((predicate) => predicate(entity));
}

function refValue(value: unknown): string | null {
  // The client drops null values from query strings, so root/none is spelled "" or "null".
  return value === null || value === '' || value === 'null' ? null : String(value);
}

function operatorPredicate<T>(
  where: string,
  kind: FieldKind,
  operator: string,
  value: unknown,
  read: (entity: T) => unknown,
): Predicate<T> {
  if (operator === 'exists') {
    const wanted = bool(value, where);
    return (entity) => isEmpty(read(entity)) !== wanted;
  }
  if (operator === 'is_blank') {
    const wanted = bool(value, where);
    return (entity) => isEmpty(read(entity)) === wanted;
  }
  switch (kind) {
    case 'boolean': {
      const wanted = bool(value, where);
      return (entity) => read(entity) === wanted;
    }
    case 'number':
    case 'date': {
      const parse = kind === 'number' ? num : dateMs;
      const target = parse(value, where);
      const current = (entity: T): number | null => {
        const raw = read(entity);
        return raw === null || raw === undefined ? null : parse(raw, where);
      };
      const compare: Record<string, (a: number) => boolean> = {
        eq: (a) => a === target,
        neq: (a) => a !== target,
        gt: (a) => a > target,
        gte: (a) => a >= target,
        lt: (a) => a < target,
        lte: (a) => a <= target,
      };
      const test = compare[operator] as (a: number) => boolean;
      return (entity) => {
        const a = current(entity);
        return a === null ? operator === 'neq' : test(a);
      };
    }
    case 'string': {
      if (operator === 'matches' || operator === 'not_matches') {
        const test = matcher(value, where);
        const negate = operator === 'not_matches';
        return (entity) => test(String(read(entity) ?? '')) !== negate;
      }
      if (operator === 'in' || operator === 'not_in') {
        const set = new Set(listOf(value, where));
        const negate = operator === 'not_in';
        return (entity) => set.has(String(read(entity) ?? '')) !== negate;
      }
      const target = String(value);
      return operator === 'eq'
        ? (entity) => read(entity) === target
        : (entity) => read(entity) !== target;
    }
    case 'ref': {
      if (operator === 'in' || operator === 'not_in') {
        const set = new Set(listOf(value, where).map(refValue));
        const negate = operator === 'not_in';
        return (entity) => set.has((read(entity) as string | null) ?? null) !== negate;
      }
      const target = refValue(value);
      return operator === 'eq'
        ? (entity) => ((read(entity) as string | null) ?? null) === target
        : (entity) => ((read(entity) as string | null) ?? null) !== target;
    }
    case 'list':
    case 'refs': {
      const values = (entity: T): string[] => (read(entity) as string[] | null) ?? [];
      if (operator === 'contains') {
        const target = String(value);
        return (entity) => values(entity).includes(target);
      }
      if (operator === 'eq') {
        const wanted = listOf(value, where);
        return (entity) => {
          const current = values(entity);
          return current.length === wanted.length && current.every((v, i) => v === wanted[i]);
        };
      }
      const wanted = listOf(value, where);
      if (operator === 'any_in') return (entity) => values(entity).some((v) => wanted.includes(v));
      if (operator === 'all_in') {
        return (entity) => {
          const current = values(entity);
          return wanted.every((v) => current.includes(v));
        };
      }
      return (entity) => !values(entity).some((v) => wanted.includes(v));
    }
  }
}

export type SortKey<T> = (entity: T) => string | number | null;

/** `order_by=_created_at_DESC,size_ASC`; unknown keys answer 422 INVALID_ORDERING. */
export function sortByParam<T>(
  list: T[],
  orderBy: unknown,
  keys: Record<string, SortKey<T>>,
  fallback: (a: T, b: T) => number,
): T[] {
  if (orderBy === undefined || orderBy === '') return list.sort(fallback);
  const clauses = String(orderBy)
    .split(',')
    .map((clause) => {
      const match = /^(.+)_(ASC|DESC)$/.exec(clause.trim());
      const key = match ? keys[match[1] as string] : undefined;
      if (!match || !key) {
        throw new SimError(422, 'INVALID_ORDERING', {
          order_by: clause,
          supported: Object.keys(keys).map((name) => `${name}_ASC|DESC`),
        });
      }
      return { key, direction: match[2] === 'ASC' ? 1 : -1 };
    });
  return list.sort((a, b) => {
    for (const { key, direction } of clauses) {
      const x = key(a);
      const y = key(b);
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      return (x < y ? -1 : 1) * direction;
    }
    return fallback(a, b);
  });
}
