import { describe, expect, it } from 'vitest';
import { systemClock } from '../engine/clock';
import { createEngineClient } from './engineClient';
import { fetchByIds, listPage, lookupBatches, stableOrderBy } from './fetchByIds';

function recordingClient(urls: URL[]) {
  return createEngineClient(
    { apiToken: 't', environment: 'main', baseUrl: 'http://cma.test' },
    {
      clock: systemClock,
      fetchFn: async (input) => {
        urls.push(new URL(String(input)));
        return new Response(JSON.stringify({ data: [], meta: { total_count: 0 } }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      },
    },
  ).client;
}

describe('stable order_by (RawApiTypes hrefs)', () => {
  it('assets: _created_at ascending, always', () => {
    expect(stableOrderBy('uploads', {})).toBe('_created_at_ASC');
    expect(stableOrderBy('uploads', { ids: 'a,b' })).toBe('_created_at_ASC');
  });

  it('records: by id only with exactly one filter[type], never with filter[ids]', () => {
    expect(stableOrderBy('items', { type: 'article' })).toBe('id_ASC');
    expect(stableOrderBy('items', { type: 'article', query: 'x' })).toBe('id_ASC');
    expect(stableOrderBy('items', { type: 'article,author' })).toBeUndefined();
    expect(stableOrderBy('items', {})).toBeUndefined();
    expect(stableOrderBy('items', { ids: 'a,b' })).toBeUndefined();
  });

  it('is sent on the wire by listPage and fetchByIds, unless overridden', async () => {
    const urls: URL[] = [];
    const client = recordingClient(urls);
    await listPage(client, 'items', { type: 'article' }, 500, 500);
    await listPage(client, 'uploads', { query: 'x' }, 0, 500, { orderBy: null });
    await listPage(client, 'items', { type: 'a' }, 0, 10, { version: 'published' });
    await fetchByIds(client, 'uploads', ['u1', 'u2']);
    await fetchByIds(client, 'items', ['r1']);
    const order = urls.map((u) => u.searchParams.get('order_by'));
    expect(order).toEqual(['id_ASC', null, 'id_ASC', '_created_at_ASC', null]);
    expect(urls[2]!.searchParams.get('version')).toBe('published');
    expect(urls[0]!.searchParams.get('page[offset]')).toBe('500');
  });
});

describe('lookupBatches', () => {
  it('fills each filter[ids] lookup up to the URL budget, at most a page of 500', () => {
    const long = Array.from({ length: 450 }, (_, i) => `A${String(i).padStart(21, '0')}`);
    expect(lookupBatches(long).map((b) => b.length)).toEqual([200, 200, 50]);
    const short = Array.from({ length: 1200 }, (_, i) => `${100000 + i}`);
    expect(lookupBatches(short).map((b) => b.length)).toEqual([500, 500, 200]);
    expect(lookupBatches([])).toEqual([]);
  });
});
