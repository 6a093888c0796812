/**
 * The host's own HTTP client for the CMA simulator. The host is "DatoCMS": it reads its data with
 * the current user's token, whatever the plugin was granted. Resources stay in their raw JSON:API
 * shape, which is what the SDK hands to the plugin.
 */

export type JsonApiResource = {
  id: string;
  type: string;
  attributes: Record<string, unknown>;
  relationships?: Record<string, { data: unknown }>;
  meta?: Record<string, unknown>;
};

export type RawUpload = JsonApiResource & { type: 'upload' };
export type RawItem = JsonApiResource & {
  type: 'item';
  relationships: { item_type: { data: { id: string; type: 'item_type' } } } & Record<
    string,
    { data: unknown }
  >;
};
export type RawItemType = JsonApiResource & { type: 'item_type' };
export type RawField = JsonApiResource & { type: 'field' };

export type SimRole = {
  id: string;
  type: 'role';
  attributes: { name: string } & Record<string, unknown>;
  meta: { final_permissions: Record<string, unknown> };
};

export type SimToken = { token: string; role: SimRole; label?: string };

export type Page<T> = { data: T[]; total: number };

type Query = Record<string, string | number | undefined>;

export class SimApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    path: string,
  ) {
    super(`${path}: HTTP ${status}`);
  }
}

export class SimApi {
  constructor(
    readonly baseUrl: string,
    private readonly token: () => string,
    /** The project environment every request is made in (X-Environment). */
    private readonly environment: () => string = () => 'main',
  ) {}

  private async request<T>(
    method: string,
    path: string,
    query?: Query,
    body?: unknown,
  ): Promise<T> {
    const url = new URL(this.baseUrl + path);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
    }
    const response = await fetch(url, {
      method,
      headers: {
        accept: 'application/json',
        authorization: `Bearer ${this.token()}`,
        'x-api-version': '3',
        'x-environment': this.environment(),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const json: unknown = text ? JSON.parse(text) : null;
    if (!response.ok) throw new SimApiError(response.status, json, path);
    return json as T;
  }

  private async list<T>(path: string, query?: Query): Promise<Page<T>> {
    const doc = await this.request<{ data: T[]; meta?: { total_count?: number } }>(
      'GET',
      path,
      query,
    );
    return { data: doc.data, total: doc.meta?.total_count ?? doc.data.length };
  }

  private async one<T>(path: string): Promise<T> {
    return (await this.request<{ data: T }>('GET', path)).data;
  }

  site(): Promise<JsonApiResource> {
    return this.one('/site');
  }

  listUploads(opts: { offset: number; limit: number; query?: string }): Promise<Page<RawUpload>> {
    // Without order_by a listing has no defined order (docs/simulator.md): the Media Area shows
    // the newest assets first, as DatoCMS does, and its pages must not overlap.
    return this.list('/uploads', {
      order_by: '_created_at_DESC',
      'page[offset]': opts.offset,
      'page[limit]': opts.limit,
      'filter[query]': opts.query,
    });
  }

  findUpload(id: string): Promise<RawUpload> {
    return this.one(`/uploads/${encodeURIComponent(id)}`);
  }

  listItems(opts: {
    itemTypeId: string;
    offset: number;
    limit: number;
    status?: string;
  }): Promise<Page<RawItem>> {
    return this.list('/items', {
      'filter[type]': opts.itemTypeId,
      'filter[fields][_status][eq]': opts.status,
      // Without order_by the CMA promises no order (the simulator shuffles).
      order_by: 'id_ASC',
      'page[offset]': opts.offset,
      'page[limit]': opts.limit,
    });
  }

  findItem(id: string): Promise<RawItem> {
    return this.one(`/items/${encodeURIComponent(id)}`);
  }

  listItemTypes(): Promise<RawItemType[]> {
    return this.request<{ data: RawItemType[] }>('GET', '/item-types').then((d) => d.data);
  }

  listFields(itemTypeId: string): Promise<RawField[]> {
    return this.request<{ data: RawField[] }>(
      'GET',
      `/item-types/${encodeURIComponent(itemTypeId)}/fields`,
    ).then((d) => d.data);
  }

  /** The project's environments (GET /environments): the primary and its sandboxes. */
  async environments(): Promise<{ id: string; primary: boolean }[]> {
    const body = await this.request<{ data: { id: string; meta?: { primary?: boolean } }[] }>(
      'GET',
      '/environments',
    );
    return body.data.map((e) => ({ id: e.id, primary: e.meta?.primary === true }));
  }

  /** Admin endpoint of the simulator (no auth): the demo tokens and their DatoCMS roles. */
  async tokens(): Promise<SimToken[]> {
    const response = await fetch(`${this.baseUrl}/__sim/tokens`);
    if (!response.ok) throw new SimApiError(response.status, null, '/__sim/tokens');
    return ((await response.json()) as { data: SimToken[] }).data;
  }
}
