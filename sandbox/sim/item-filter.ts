/** GET /items filtering: filter[ids] | filter[type], filter[query], filter[fields], version. */
import { SimError } from './errors';
import {
  badFilter,
  condition,
  idList,
  record,
  sortByParam,
  str,
  type FieldKind,
  type Predicate,
  type Query,
  type SortKey,
} from './query';
import type { Store } from './store';
import type { BlockValue, FieldRec, ItemRec, ItemTypeRec } from './types';

type MetaAccessor = [FieldKind, (item: ItemRec, store: Store) => unknown];

const META: Record<string, MetaAccessor> = {
  id: ['ref', (item) => item.id],
  _status: ['ref', (item) => item.status],
  _is_valid: ['boolean', (item, store) => store.isValid(item)],
  _created_at: ['date', (item) => item.createdAt],
  _updated_at: ['date', (item) => item.updatedAt],
  _published_at: ['date', (item) => item.publishedAt],
  _first_published_at: ['date', (item) => item.firstPublishedAt],
};

const FIELD_KINDS: Record<FieldRec['fieldType'], FieldKind> = {
  string: 'string',
  text: 'string',
  slug: 'string',
  float: 'number',
  boolean: 'boolean',
  link: 'ref',
  links: 'refs',
  file: 'ref',
  gallery: 'refs',
  rich_text: 'refs',
  single_block: 'ref',
  structured_text: 'string',
};

function fieldValue(field: FieldRec, value: unknown): unknown {
  if (field.fieldType === 'file')
    return (value as { upload_id?: string } | null)?.upload_id ?? null;
  if (field.fieldType === 'gallery') {
    return Array.isArray(value)
      ? value.map((entry) => (entry as { upload_id: string }).upload_id)
      : [];
  }
  return value;
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

function predicates(
  store: Store,
  fields: Record<string, unknown>,
  types: ItemTypeRec[] | undefined,
  version: ItemVersion,
): Predicate<ItemRec>[] {
  // With version=published, field conditions apply to the published values.
  const valuesOf = (item: ItemRec) =>
    version === 'published' ? (item.publishedAttributes ?? item.attributes) : item.attributes;
  return Object.entries(fields).map(([name, conditions]) => {
    const meta = META[name];
    if (meta) {
      const [kind, read] = meta;
      return condition<ItemRec>(`filter[fields][${name}]`, kind, conditions, (item) =>
        read(item, store),
      );
    }
    if (!types || types.length !== 1) {
      throw badFilter(
        `filter[fields][${name}]: filtering on model fields needs a single filter[type]`,
      );
    }
    const itemType = types[0] as ItemTypeRec;
    const field = store.fieldsOf(itemType.id).find((candidate) => candidate.apiKey === name);
    if (!field) {
      throw badFilter(`filter[fields][${name}]: model "${itemType.apiKey}" has no such field`, {
        supported: [...Object.keys(META), ...store.fieldsOf(itemType.id).map((f) => f.apiKey)],
      });
    }
    return condition<ItemRec>(
      `filter[fields][${name}]`,
      FIELD_KINDS[field.fieldType],
      conditions,
      (item) => fieldValue(field, valuesOf(item)[name]),
    );
  });
}

function textMatch(store: Store, item: ItemRec, needle: string): boolean {
  return store
    .fieldsOf(item.itemTypeId)
    .filter((field) => ['string', 'text', 'slug'].includes(field.fieldType))
    .some((field) =>
      String(item.attributes[field.apiKey] ?? '')
        .toLowerCase()
        .includes(needle),
    );
}

export type ItemVersion = 'current' | 'published';

export function parseVersion(raw: unknown): ItemVersion {
  if (raw === undefined || raw === 'current') return 'current';
  if (raw === 'published') return 'published';
  throw new SimError(422, 'INVALID_FORMAT', {
    messages: [`#/version: failed schema: ${JSON.stringify(raw)} is not one of current, published`],
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

export function filterItems(store: Store, query: Query): ItemRec[] {
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
  const text = str(filter.query)?.trim().toLowerCase();
  const onlyValid = filter.only_valid === 'true' || filter.only_valid === true;
  const version = parseVersion(query.version);
  const tests = predicates(store, record(filter.fields), types, version);
  const source = ids
    ? ids.map((id) => store.items.get(id)).filter((item): item is ItemRec => item !== undefined)
    : [...store.items.values()];
  const matching = source.filter(
    (item) =>
      (!typeIds || typeIds.has(item.itemTypeId)) &&
      (version === 'current' || item.status !== 'draft') &&
      (!onlyValid || store.isValid(item)) &&
      (!text || textMatch(store, item, text)) &&
      tests.every((test) => test(item)),
  );
  if (ids && query.order_by === undefined) return matching;
  const keys: Record<string, SortKey<ItemRec>> = {
    id: (item) => item.id,
    _created_at: (item) => item.createdAt,
    _updated_at: (item) => item.updatedAt,
    _published_at: (item) => item.publishedAt,
    _first_published_at: (item) => item.firstPublishedAt,
    _status: (item) => item.status,
  };
  if (types?.length === 1) {
    for (const field of store.fieldsOf((types[0] as ItemTypeRec).id)) {
      if (['string', 'text', 'slug', 'float', 'boolean'].includes(field.fieldType)) {
        keys[field.apiKey] = (item) => {
          const value = item.attributes[field.apiKey];
          return typeof value === 'string' || typeof value === 'number' ? value : null;
        };
      }
    }
    if ((types[0] as ItemTypeRec).tree || (types[0] as ItemTypeRec).sortable) {
      keys.position = (item) => (item.attributes.position as number | undefined) ?? null;
    }
  }
  return sortByParam(matching, query.order_by, keys, (a, b) =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
}
