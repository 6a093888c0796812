/**
 * The bulk modal's paged reads of GET /uploads and GET /items, always in a stable order: without
 * `order_by` pages have no guaranteed order, so offsets could skip or repeat items ([AS]
 * filtering-and-pagination.md). Records can be ordered only with a single `filter[type]`
 * (RawApiTypes `ItemInstancesHrefSchema.order_by`); reads by `filter[ids]` or across several
 * models fit in one page and need none.
 */
import type { Client } from '@datocms/cma-client-browser';
import type { ListPage, ListResource, RawEntity } from '../fetchByIds';

/**
 * Uploads: creation time, ascending (assets created while pages are read land at the end). No
 * unique upload column is documented for `order_by` (the docs' example is
 * `_created_at_DESC,size_ASC`), so ties remain possible. The same choice as the engine's
 * `stableOrderBy` (src/cma/fetchByIds.ts on issue-13-engine); once both are merged this module
 * can take it from there.
 */
export const UPLOAD_ORDER = '_created_at_ASC';
/** Records: by id (a meta column every model orders by). */
export const ITEM_ORDER = 'id_ASC';
export const PAGE_LIMIT = 500;
/** `nested=true` caps pages at 30 ([AS] block-records-and-modular-content.md). */
export const NESTED_PAGE_LIMIT = 30;

export type ListQuery = {
  readonly filter: Readonly<Record<string, unknown>>;
  /** Matches text and localized fields in this locale (top-level `locale`); default: main. */
  readonly locale?: string;
  /** Records: the current (draft) values, or the published ones. */
  readonly version?: 'current' | 'published';
  /** Records: block fields as full objects instead of ids. */
  readonly nested?: boolean;
  /** Overrides the stable default (`orderFor`); null sends none. */
  readonly orderBy?: string | null;
};

/** The `order_by` a query may carry, or undefined when the API does not accept one there. */
export function orderFor(resource: ListResource, filter: Readonly<Record<string, unknown>>) {
  if (resource === 'uploads') return UPLOAD_ORDER;
  const type = filter.type;
  return typeof type === 'string' && type !== '' && !type.includes(',') && filter.ids === undefined
    ? ITEM_ORDER
    : undefined;
}

export function queryParams(
  resource: ListResource,
  q: ListQuery,
  offset: number,
  limit: number,
): Record<string, unknown> {
  const params: Record<string, unknown> = { filter: q.filter, page: { offset, limit } };
  const order = q.orderBy === undefined ? orderFor(resource, q.filter) : q.orderBy;
  if (order) params.order_by = order;
  if (q.locale) params.locale = q.locale;
  if (resource === 'items') {
    params.version = q.version ?? 'current';
    if (q.nested) params.nested = true;
  }
  return params;
}

export async function readPage(
  client: Client,
  resource: ListResource,
  q: ListQuery,
  offset: number,
  limit: number,
): Promise<ListPage> {
  const body = await client.request<{ data: RawEntity[]; meta?: { total_count?: number } }>({
    method: 'GET',
    url: resource === 'uploads' ? '/uploads' : '/items',
    queryParams: queryParams(resource, q, offset, limit),
  });
  return { data: body.data, total: body.meta?.total_count ?? body.data.length };
}

/** Every page: the first for the total, the others 4 at a time (the rate budget gates them). */
export async function readAll(
  client: Client,
  resource: ListResource,
  q: ListQuery,
  onPage?: (page: readonly RawEntity[]) => void,
): Promise<RawEntity[]> {
  const limit = q.nested ? NESTED_PAGE_LIMIT : PAGE_LIMIT;
  const first = await readPage(client, resource, q, 0, limit);
  onPage?.(first.data);
  const offsets: number[] = [];
  for (let offset = limit; offset < first.total; offset += limit) offsets.push(offset);
  const pages: RawEntity[][] = new Array(offsets.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < offsets.length; i = next++) {
      pages[i] = (await readPage(client, resource, q, offsets[i]!, limit)).data;
      onPage?.(pages[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, offsets.length) }, lane));
  return [...first.data, ...pages.flat()];
}

/** How many a query matches (one request of one item). */
export async function countOf(
  client: Client,
  resource: ListResource,
  q: ListQuery,
): Promise<number> {
  return (await readPage(client, resource, q, 0, 1)).total;
}
