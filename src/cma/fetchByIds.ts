import type { Client } from '@datocms/cma-client-browser';

/**
 * Ids per `filter[ids]` request when nothing is known about their length: 200 of DatoCMS's
 * 22-character ids keep the URL near 5 KB, well under common 8 KB limits.
 */
export const IDS_PER_LOOKUP = 200;
/** What the ids of one lookup may take in the URL (encoded, with their separators). */
export const LOOKUP_URL_BUDGET = 5000;
/** The list endpoints' maximum page size: one page answers one lookup. */
export const MAX_LOOKUP_IDS = 500;

/**
 * Splits ids into `filter[ids]` lookups: as many ids as fit the URL budget, at most a page
 * (500). Short ids (older projects' numeric ones) take fewer requests than long ones.
 */
export function lookupBatches(ids: readonly string[]): string[][] {
  const batches: string[][] = [];
  let batch: string[] = [];
  let chars = 0;
  for (const id of ids) {
    const cost = encodeURIComponent(id).length + 3; // "%2C"
    if (batch.length > 0 && (chars + cost > LOOKUP_URL_BUDGET || batch.length >= MAX_LOOKUP_IDS)) {
      batches.push(batch);
      batch = [];
      chars = 0;
    }
    batch.push(id);
    chars += cost;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

export type RawEntity = {
  readonly id: string;
  readonly type: string;
  readonly attributes?: Record<string, unknown>;
  readonly relationships?: Record<string, { data: unknown }>;
  readonly meta?: Record<string, unknown>;
};

export type ListResource = 'uploads' | 'items';

export type ListPage = { readonly data: RawEntity[]; readonly total: number };

/**
 * A stable `order_by` for paged reads, where the API allows one (finding 5 of the platform
 * audit: without it pages have no guaranteed order, so offset paging can skip or repeat items).
 * - Records: `order_by` needs exactly one `filter[type]` (RawApiTypes `ItemInstancesHrefSchema`);
 *   `id` is one of its meta columns and unique, so the order is total. `filter[ids]` cannot be
 *   combined with `filter[type]`, so lookups by id get none (they fit one page anyway).
 * - Assets: `UploadInstancesHrefSchema` takes `<field>_<ASC|DESC>` and the docs' example uses
 *   `_created_at`; no unique upload column is documented, so ties remain possible (the
 *   selection checks the count it collected against `total_count`). Ascending: assets created
 *   while pages are read land at the end instead of shifting the pages not yet read.
 * Returns undefined where no order may be sent.
 */
export function stableOrderBy(
  resource: ListResource,
  filter: Readonly<Record<string, unknown>>,
): string | undefined {
  if (resource === 'uploads') return '_created_at_ASC';
  const type = filter.type;
  if (filter.ids !== undefined) return undefined;
  if (typeof type === 'string' && type !== '' && !type.includes(',')) return 'id_ASC';
  return undefined;
}

export type ListPageOptions = {
  /** Records: the current (draft) values, or the published ones. */
  readonly version?: 'current' | 'published';
  /** Overrides the stable default (`stableOrderBy`); null sends none. */
  readonly orderBy?: string | null;
};

/** One page of a list endpoint; `filter` is passed through (bracket-encoded by the client). */
export async function listPage(
  client: Client,
  resource: ListResource,
  filter: Record<string, unknown>,
  offset: number,
  limit: number,
  options: ListPageOptions | 'current' | 'published' = {},
): Promise<ListPage> {
  const opts: ListPageOptions = typeof options === 'string' ? { version: options } : options;
  const queryParams: Record<string, unknown> = { filter, page: { offset, limit } };
  if (resource === 'items') queryParams.version = opts.version ?? 'current';
  const orderBy = opts.orderBy === undefined ? stableOrderBy(resource, filter) : opts.orderBy;
  if (orderBy) queryParams.order_by = orderBy;
  const body = await client.request<{ data: RawEntity[]; meta?: { total_count?: number } }>({
    method: 'GET',
    url: resource === 'uploads' ? '/uploads' : '/items',
    queryParams,
  });
  return { data: body.data, total: body.meta?.total_count ?? body.data.length };
}

/** The entities among `ids` that exist (one request per lookup batch); missing ids are absent. */
export async function fetchByIds(
  client: Client,
  resource: ListResource,
  ids: readonly string[],
): Promise<Map<string, RawEntity>> {
  const found = new Map<string, RawEntity>();
  for (const batch of lookupBatches(ids)) {
    // One page holds every match (limit = batch size), so no order is needed for completeness.
    const page = await listPage(client, resource, { ids: batch.join(',') }, 0, batch.length);
    for (const entity of page.data) found.set(entity.id, entity);
  }
  return found;
}
