import type { Client } from '@datocms/cma-client-browser';

/** Ids per `filter[ids]` request: keeps URLs well under common 8 KB limits. */
export const IDS_PER_LOOKUP = 200;

export type RawEntity = {
  readonly id: string;
  readonly type: string;
  readonly attributes?: Record<string, unknown>;
  readonly relationships?: Record<string, { data: unknown }>;
  readonly meta?: Record<string, unknown>;
};

export type ListResource = 'uploads' | 'items';

export type ListPage = { readonly data: RawEntity[]; readonly total: number };

/** One page of a list endpoint; `filter` is passed through (bracket-encoded by the client). */
export async function listPage(
  client: Client,
  resource: ListResource,
  filter: Record<string, unknown>,
  offset: number,
  limit: number,
  /** Records: the current (draft) values, or the published ones. */
  version: 'current' | 'published' = 'current',
): Promise<ListPage> {
  const queryParams: Record<string, unknown> = { filter, page: { offset, limit } };
  if (resource === 'items') queryParams.version = version;
  const body = await client.request<{ data: RawEntity[]; meta?: { total_count?: number } }>({
    method: 'GET',
    url: resource === 'uploads' ? '/uploads' : '/items',
    queryParams,
  });
  return { data: body.data, total: body.meta?.total_count ?? body.data.length };
}

/** The entities among `ids` that exist (one request per ≤200 ids); missing ids are absent. */
export async function fetchByIds(
  client: Client,
  resource: ListResource,
  ids: readonly string[],
): Promise<Map<string, RawEntity>> {
  const found = new Map<string, RawEntity>();
  for (let i = 0; i < ids.length; i += IDS_PER_LOOKUP) {
    const batch = ids.slice(i, i + IDS_PER_LOOKUP);
    const page = await listPage(client, resource, { ids: batch.join(',') }, 0, batch.length);
    for (const entity of page.data) found.set(entity.id, entity);
  }
  return found;
}
