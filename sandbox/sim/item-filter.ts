/**
 * GET /items filtering and ordering. Which operators a field takes comes from the client's typed
 * filters (schemas/item-filters.json, generated from `itemInstancesHrefSchema.ts` and
 * `FieldTypeToHrefFilter` in `itemDefinition.ts`): an operator the field type does not have, or a
 * value of the wrong type, is refused with 422 INVALID_FILTER_FIELDS_PARAM. Localized fields are
 * matched in `locale` (default: the main locale). Without `order_by` the order is undefined.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { dastText, isFileValue } from './content';
import { SimError } from './errors';
import { badFilter, idList, record, str, type Query } from './query';
import type { Store } from './store';
import type { BlockValue, FieldRec, ItemRec, ItemTypeRec } from './types';

type FilterSchemas = {
  fieldTypes: Record<string, string>;
  orderableFieldTypes: string[];
  definitions: Record<string, { properties?: Record<string, unknown>; enum?: string[] }>;
};

const FILTERS = JSON.parse(
  readFileSync(
    join(dirname(fileURLToPath(import.meta.url)), 'schemas', 'item-filters.json'),
    'utf8',
  ),
) as FilterSchemas;

// Query strings carry strings: coerce "true" → true, "5" → 5, a lone value → [value].
const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: 'array' });
ajv.addSchema({ $id: 'item-filters', definitions: FILTERS.definitions });
const validators = new Map<string, ValidateFunction>();

function validatorFor(name: string): ValidateFunction {
  let validate = validators.get(name);
  if (!validate) {
    const found = ajv.getSchema(`item-filters#/definitions/${name}`);
    if (!found) throw new Error(`no generated filter schema ${name}`);
    validate = found;
    validators.set(name, validate);
  }
  return validate;
}

function operatorsOf(name: string): string[] {
  return Object.keys(FILTERS.definitions[name]?.properties ?? {});
}

/** The filter type a field type takes (`FieldTypeToHrefFilter`). */
export function filterTypeOf(field: FieldRec): string {
  return FILTERS.fieldTypes[field.fieldType] ?? 'unknown';
}

/** Meta filters (`ItemMetaFilter`) and `_creator`, which RawApiTypes describes as CMA-only. */
const META_FILTERS = FILTERS.definitions.ItemMetaFilter?.properties ?? {};

export type ItemVersion = 'current' | 'published';

export function parseVersion(raw: unknown): ItemVersion {
  if (raw === undefined || raw === 'current') return 'current';
  if (raw === 'published') return 'published';
  throw new SimError(422, 'INVALID_FORMAT', {
    messages: [`#/version: failed schema: ${JSON.stringify(raw)} is not one of current, published`],
  });
}

/** How a listing without `order_by` is ordered, and when it is read (for the search lag). */
export type ListingOptions = {
  /** Orders a list that has no defined order (shuffled per request unless told otherwise). */
  unordered<T>(list: T[], fallback: (a: T, b: T) => number): T[];
  now: number;
};

type Predicate = (item: ItemRec) => boolean;

/** `locale` (RawApiTypes ItemInstancesHrefSchema: "Default: environment's main locale"). */
export function parseLocale(store: Store, query: Query): string {
  const locale = str(query.locale);
  if (locale === undefined || locale === '') return store.mainLocale;
  if (!store.locales.includes(locale)) {
    throw new SimError(422, 'INVALID_PARAMS', {
      message: `locale ${locale} is not one of the site locales`,
      locales: store.locales,
    });
  }
  return locale;
}

function resolveTypes(store: Store, raw: unknown): ItemTypeRec[] | undefined {
  const refs = idList(raw);
  if (!refs) return undefined;
  return refs.map((ref) => {
    const itemType = store.findItemType(ref);
    if (!itemType) throw new SimError(422, 'ITEM_TYPE_NOT_FOUND', { type: ref });
    return itemType;
  });
}

/** Validates one field's conditions against its generated filter type; returns them coerced. */
function checked(
  where: string,
  filterType: string,
  conditions: unknown,
  extra: Record<string, unknown>,
): Record<string, unknown> {
  if (typeof conditions !== 'object' || conditions === null || Array.isArray(conditions)) {
    throw badFilter(`${where} expects an object of operators`, { filter_type: filterType });
  }
  const value = structuredClone(conditions) as Record<string, unknown>;
  const validate = validatorFor(filterType);
  if (!validate(value)) {
    const unknown = (validate.errors ?? [])
      .filter((error) => error.keyword === 'additionalProperties' && error.instancePath === '')
      .map((error) => (error.params as { additionalProperty: string }).additionalProperty);
    throw badFilter(
      unknown.length > 0
        ? `${where}: operator ${unknown.join(', ')} is not supported by ${filterType}`
        : `${where}: ${(validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ')}`,
      { ...extra, filter_type: filterType, supported: operatorsOf(filterType) },
    );
  }
  return value;
}

function isNil(value: unknown): boolean {
  return value === null || value === undefined;
}

/** `matches: { pattern, case_sensitive?, regexp? }` (StringMatchesFilter). */
function matcher(spec: Record<string, unknown>, where: string): (text: string) => boolean {
  const pattern = String(spec.pattern);
  const caseSensitive = spec.case_sensitive === true;
  // Default regexp: true (unverified: the typed filter does not give the default).
  const regexp = spec.regexp !== false;
  try {
    const source = regexp ? pattern : pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(source, caseSensitive ? '' : 'i');
    return (text) => re.test(text);
  } catch {
    throw badFilter(`${where}: invalid regular expression`);
  }
}

const MINUTE = 60_000;

function dateArg(value: unknown, where: string, truncate: boolean): number {
  const ms = Date.parse(String(value));
  if (Number.isNaN(ms)) throw badFilter(`${where} expects an ISO 8601 date`);
  // DateTimeHrefFilter: "Seconds and milliseconds are truncated from the argument."
  return truncate ? Math.floor(ms / MINUTE) * MINUTE : ms;
}

/**
 * One predicate per operator, for a value read by `read` (already in the right locale). The
 * operators were checked against the filter type, so only their meaning is decided here.
 */
function predicateFor(
  where: string,
  filterType: string,
  conditions: Record<string, unknown>,
  read: (item: ItemRec) => unknown,
): Predicate {
  const tests: Predicate[] = [];
  const dates = filterType === 'DateTimeHrefFilter' || filterType === 'DateHrefFilter';
  const truncate = filterType === 'DateTimeHrefFilter';
  for (const [operator, arg] of Object.entries(conditions)) {
    const op = operator === 'notIn' ? 'not_in' : operator;
    const list = (item: ItemRec): unknown[] => {
      const value = read(item);
      return Array.isArray(value) ? value : [];
    };
    switch (op) {
      case 'exists':
        // "with the specified field defined (i.e. with any value)"; a list needs an entry.
        tests.push((item) => {
          const value = read(item);
          const defined = Array.isArray(value) ? value.length > 0 : !isNil(value);
          return defined === arg;
        });
        break;
      case 'is_present':
        // "neither null, nor empty string"
        tests.push((item) => {
          const value = read(item);
          return (!isNil(value) && value !== '') === arg;
        });
        break;
      case 'is_blank':
        // "blank (null or empty string)"
        tests.push((item) => {
          const value = read(item);
          return (isNil(value) || value === '') === arg;
        });
        break;
      case 'matches':
      case 'not_matches': {
        const test = matcher(arg as Record<string, unknown>, `${where}[${operator}]`);
        const negate = op === 'not_matches';
        tests.push((item) => test(String(read(item) ?? '')) !== negate);
        break;
      }
      case 'in':
      case 'not_in':
      case 'any_in':
      case 'all_in': {
        const wanted = (arg as unknown[]).map(String);
        if (op === 'in') tests.push((item) => wanted.includes(String(read(item) ?? '')));
        else if (op === 'any_in')
          tests.push((item) => list(item).some((v) => wanted.includes(String(v))));
        else if (op === 'all_in')
          tests.push((item) => wanted.every((v) => list(item).map(String).includes(v)));
        else {
          tests.push((item) => {
            const value = read(item);
            return Array.isArray(value)
              ? !value.some((v) => wanted.includes(String(v)))
              : !wanted.includes(String(value ?? ''));
          });
        }
        break;
      }
      case 'near':
        throw badFilter(`${where}[near] is not simulated`);
      default: {
        // eq, neq, gt, gte, lt, lte on scalars (or eq on lists)
        if (Array.isArray(arg)) {
          const wanted = arg.map(String);
          tests.push((item) => {
            const current = list(item).map(String);
            return current.length === wanted.length && current.every((v, i) => v === wanted[i]);
          });
          break;
        }
        const compare = (a: number, b: number): boolean =>
          op === 'gt' ? a > b : op === 'gte' ? a >= b : op === 'lt' ? a < b : a <= b;
        if (dates) {
          const target = dateArg(arg, `${where}[${operator}]`, truncate);
          tests.push((item) => {
            const raw = read(item);
            if (isNil(raw)) return op === 'neq';
            const value = Date.parse(String(raw));
            // eq / neq on date-times compare within the argument's minute.
            if (op === 'eq')
              return truncate ? value >= target && value < target + MINUTE : value === target;
            if (op === 'neq')
              return truncate ? value < target || value >= target + MINUTE : value !== target;
            return compare(value, target);
          });
          break;
        }
        if (typeof arg === 'number') {
          tests.push((item) => {
            const value = read(item);
            if (typeof value !== 'number') return op === 'neq';
            return op === 'eq' ? value === arg : op === 'neq' ? value !== arg : compare(value, arg);
          });
          break;
        }
        tests.push((item) => {
          const value = read(item) ?? null;
          return op === 'eq' ? value === arg : value !== arg;
        });
      }
    }
  }
  return (item) => tests.every((test) => test(item));
}

type Creator = { type: string; id: string };

/** `_creator`: eq, neq, in, notIn of `{ type, id }` (RawApiTypes; agent-skills). */
function creatorPredicate(conditions: unknown): Predicate {
  const where = 'filter[fields][_creator]';
  const ops = record(conditions);
  const same = (a: Creator, b: unknown): boolean => {
    const other = record(b);
    return other.type === a.type && other.id === a.id;
  };
  const creatorOf = (item: ItemRec): Creator => item.creator ?? { type: 'account', id: '1001' };
  const tests: Predicate[] = [];
  for (const [op, arg] of Object.entries(ops)) {
    const list = Array.isArray(arg) ? arg : Object.values(record(arg)).length ? [arg] : [];
    if (op === 'eq') tests.push((item) => same(creatorOf(item), arg));
    else if (op === 'neq') tests.push((item) => !same(creatorOf(item), arg));
    else if (op === 'in') tests.push((item) => list.some((entry) => same(creatorOf(item), entry)));
    else if (op === 'notIn')
      tests.push((item) => !list.some((entry) => same(creatorOf(item), entry)));
    else
      throw badFilter(`${where}: operator ${op} is not supported`, {
        supported: ['eq', 'neq', 'in', 'notIn'],
      });
  }
  return (item) => tests.every((test) => test(item));
}

const META_READERS: Record<string, (item: ItemRec, store: Store) => unknown> = {
  id: (item) => item.id,
  _status: (item) => item.status,
  _is_valid: (item, store) => store.isValid(item),
  _created_at: (item) => item.createdAt,
  _updated_at: (item) => item.updatedAt,
  _published_at: (item) => item.publishedAt,
  _first_published_at: (item) => item.firstPublishedAt,
  _publication_scheduled_at: () => null,
  _unpublishing_scheduled_at: () => null,
};

/** A field's value as filters see it: in the locale, files as upload ids, text of DAST. */
function filterValue(field: FieldRec, raw: unknown, locale: string): unknown {
  const value = field.localized
    ? (raw as Record<string, unknown> | null | undefined)?.[locale]
    : raw;
  if (field.fieldType === 'file') return isFileValue(value) ? value.upload_id : null;
  if (field.fieldType === 'gallery') {
    return Array.isArray(value) ? value.filter(isFileValue).map((entry) => entry.upload_id) : [];
  }
  if (field.fieldType === 'structured_text') return value ? dastText(value) : null;
  return value;
}

function predicates(
  store: Store,
  fields: Record<string, unknown>,
  types: ItemTypeRec[] | undefined,
  version: ItemVersion,
  locale: string,
): Predicate[] {
  // With version=published, field conditions apply to the published values.
  const valuesOf = (item: ItemRec) =>
    version === 'published' ? (item.publishedAttributes ?? item.attributes) : item.attributes;
  return Object.entries(fields).map(([name, conditions]) => {
    const where = `filter[fields][${name}]`;
    if (name === '_creator') return creatorPredicate(conditions);
    const meta = META_FILTERS[name] as { $ref?: string } | undefined;
    const reader = META_READERS[name];
    if (meta && reader) {
      const filterType = (meta.$ref ?? '').split('/').pop() ?? '';
      const ops = checked(where, filterType, conditions, { field: name });
      return predicateFor(where, filterType, ops, (item) => reader(item, store));
    }
    if (!types || types.length !== 1) {
      throw badFilter(`${where}: model fields need exactly one filter[type]`, { field: name });
    }
    const itemType = types[0] as ItemTypeRec;
    if ((itemType.tree || itemType.sortable) && (name === 'parent_id' || name === 'position')) {
      const filterType = name === 'parent_id' ? 'ParentIdFilter' : 'PositionFilter';
      const ops = checked(where, filterType, conditions, { field: name });
      return predicateFor(where, filterType, ops, (item) => item.attributes[name] ?? null);
    }
    const field = store.fieldsOf(itemType.id).find((candidate) => candidate.apiKey === name);
    if (!field) {
      throw badFilter(`${where}: model "${itemType.apiKey}" has no such field`, {
        field: name,
        supported: [
          ...Object.keys(META_FILTERS),
          '_creator',
          ...store.fieldsOf(itemType.id).map((f) => f.apiKey),
        ],
      });
    }
    const filterType = filterTypeOf(field);
    const ops = checked(where, filterType, conditions, {
      field: name,
      field_type: field.fieldType,
    });
    return predicateFor(where, filterType, ops, (item) =>
      filterValue(field, valuesOf(item)[name], locale),
    );
  });
}

/**
 * Block records a listing names: those of the block models in `filter[type]` (which then takes
 * neither `filter[fields]` nor `filter[query]`: "For block models, only filter.type works",
 * agent-skills `filtering-and-pagination.md`), or block ids in `filter[ids]` (RawApiTypes: "Record
 * (or block record) IDs"). Blocks are never listed otherwise.
 */
export function filterBlocks(store: Store, query: Query): BlockValue[] {
  const filter = record(query.filter);
  const ids = idList(filter.ids);
  if (ids) {
    return ids.flatMap((id) => {
      const found = store.findBlock(id);
      return found ? [found.block] : [];
    });
  }
  const blockTypes = (resolveTypes(store, filter.type) ?? []).filter((t) => t.modularBlock);
  if (blockTypes.length === 0) return [];
  if (Object.keys(record(filter.fields)).length > 0) {
    throw badFilter('filter[fields] does not work with block models, only filter[type] does', {
      block_models: blockTypes.map((t) => t.apiKey),
    });
  }
  if (filter.query !== undefined) {
    throw new SimError(422, 'INVALID_PARAMS', {
      message: 'filter[query] does not work with block models',
    });
  }
  return blockTypes.flatMap((t) => store.blocksOfModel(t.id).map((entry) => entry.block));
}

function occurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) count++;
  return count;
}

export function filterItems(store: Store, query: Query, options: ListingOptions): ItemRec[] {
  const filter = record(query.filter);
  const ids = idList(filter.ids);
  if (ids && filter.type !== undefined) {
    throw new SimError(422, 'INVALID_PARAMS', {
      message: 'filter[ids] cannot be combined with filter[type]',
    });
  }
  const allTypes = resolveTypes(store, filter.type);
  const types = allTypes?.filter((itemType) => !itemType.modularBlock);
  if (allTypes && types?.length === 0) return [];
  const typeIds = types ? new Set(types.map((itemType) => itemType.id)) : undefined;
  const locale = parseLocale(store, query);
  const text = str(filter.query)?.trim().toLowerCase();
  const onlyValid = filter.only_valid === 'true' || filter.only_valid === true;
  const version = parseVersion(query.version);
  const fields = record(filter.fields);
  if (ids && Object.keys(fields).some((name) => !(name in META_READERS) && name !== '_creator')) {
    throw badFilter('filter[ids] can be combined with meta fields only, not model fields');
  }
  const tests = predicates(store, fields, types, version, locale);
  const source = ids
    ? ids.map((id) => store.items.get(id)).filter((item): item is ItemRec => item !== undefined)
    : [...store.items.values()];
  // filter[query] runs on the search index, which lags writes (Store.searchLagMs).
  const rank = new Map<string, number>();
  const matchesText = (item: ItemRec): boolean => {
    if (!text) return true;
    const indexed = store.indexedText(item.id, locale, options.now)?.toLowerCase() ?? '';
    const hits = occurrences(indexed, text);
    rank.set(item.id, hits);
    return hits > 0;
  };
  const matching = source.filter(
    (item) =>
      (!typeIds || typeIds.has(item.itemTypeId)) &&
      (version === 'current' || item.status !== 'draft') &&
      (!onlyValid || store.isValid(item)) &&
      tests.every((test) => test(item)) &&
      matchesText(item),
  );
  return orderItems(store, matching, query.order_by, types, locale, rank, options);
}

const byId = (a: ItemRec, b: ItemRec): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

type SortKey = (item: ItemRec) => string | number | boolean | null;

/**
 * `order_by=<field>_(ASC|DESC),…` (RawApiTypes ItemInstancesHrefSchema): meta columns from the
 * generated `ItemMetaOrderBy`, `position` on sortable/tree models, and model fields of the types
 * `ToItemHrefSchemaOrderBy` allows. "You must specify also filter[type] with one element only to
 * be able use this option." Without order_by: no defined order.
 */
function orderItems(
  store: Store,
  list: ItemRec[],
  orderBy: unknown,
  types: ItemTypeRec[] | undefined,
  locale: string,
  rank: Map<string, number>,
  options: ListingOptions,
): ItemRec[] {
  if (orderBy === undefined || orderBy === '') return options.unordered(list, byId);
  if (!types || types.length !== 1) {
    throw new SimError(422, 'INVALID_ORDERING', {
      order_by: orderBy,
      message: 'order_by needs filter[type] with exactly one model',
    });
  }
  const itemType = types[0] as ItemTypeRec;
  const keys: Record<string, SortKey> = {
    id: (item) => item.id,
    _created_at: (item) => item.createdAt,
    _updated_at: (item) => item.updatedAt,
    _published_at: (item) => item.publishedAt,
    _first_published_at: (item) => item.firstPublishedAt,
    _publication_scheduled_at: () => null,
    _unpublishing_scheduled_at: () => null,
    _status: (item) => item.status,
    _is_valid: (item) => store.isValid(item),
    _rank: (item) => rank.get(item.id) ?? 0,
  };
  const meta = new Set(
    (FILTERS.definitions.ItemMetaOrderBy?.enum ?? []).map((entry) =>
      entry.replace(/_(ASC|DESC)$/, ''),
    ),
  );
  for (const name of Object.keys(keys)) if (!meta.has(name)) delete keys[name];
  if (itemType.sortable || itemType.tree) {
    keys.position = (item) => (item.attributes.position as number | undefined) ?? null;
  }
  for (const field of store.fieldsOf(itemType.id)) {
    if (!FILTERS.orderableFieldTypes.includes(field.fieldType)) continue;
    keys[field.apiKey] = (item) => {
      const raw = item.attributes[field.apiKey];
      const value = field.localized ? (raw as Record<string, unknown> | null)?.[locale] : raw;
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? value
        : null;
    };
  }
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
    // Ties: by id (unverified; the API does not say).
    return byId(a, b);
  });
}
