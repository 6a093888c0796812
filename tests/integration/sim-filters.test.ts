/**
 * Record filters per field type (generated from the client's typed filters), locales, query
 * parameters (generated href schemas), ordering without order_by, and the search-index lag, with
 * the real client.
 */
import type { Client } from '@datocms/cma-client-browser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../sandbox/sim/server';
import {
  admin,
  apiError,
  cma,
  errorCode,
  fastClient,
  jsonApiError,
  startFastSimulator,
} from './sim-helpers';

let running: RunningSimulator;
let client: Client;

beforeAll(async () => {
  running = await startFastSimulator();
  client = fastClient(running.url);
});
afterAll(() => running.close());
beforeEach(async () => {
  await admin(running.url, 'POST', '/__sim/reset', { seed: 'demo' });
  await admin(running.url, 'PUT', '/__sim/listing', { unordered: 'shuffled', searchLagMs: 30_000 });
});

const ids = (list: { id: string }[]) => list.map((item) => item.id).sort();

async function refused(filter: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const error = await apiError(client.items.rawList({ filter, ...extra }));
  expect(error.response.status).toBe(422);
  return error;
}

describe('simulator record filters per field type', () => {
  it('takes only eq, neq, in and not_in on slug fields', async () => {
    const eq = await client.items.list({
      filter: { type: 'article', fields: { slug: { eq: 'story-12' } } },
    });
    expect(eq.map((item) => item.slug)).toEqual(['story-12']);
    const some = await client.items.list({
      filter: { type: 'article', fields: { slug: { in: ['story-1', 'story-2'] } } },
    });
    expect(some).toHaveLength(2);
    for (const operator of ['matches', 'exists', 'is_present']) {
      const value = operator === 'matches' ? { pattern: 'story' } : true;
      const error = await refused({
        type: 'article',
        fields: { slug: { [operator]: value } },
      });
      expect(errorCode(error)).toBe('INVALID_FILTER_FIELDS_PARAM');
      expect(error.errors[0]?.attributes.details).toMatchObject({
        field: 'slug',
        field_type: 'slug',
        filter_type: 'SlugHrefFilter',
        supported: ['eq', 'neq', 'in', 'not_in'],
      });
    }
  });

  it('distinguishes is_present (not null, not empty) from the deprecated exists (not null)', async () => {
    await admin(running.url, 'PATCH', '/__sim/items/r00001', { attributes: { bio: '' } });
    await admin(running.url, 'PATCH', '/__sim/items/r00002', { attributes: { bio: null } });
    const list = (bio: Record<string, unknown>) =>
      client.items.list({
        filter: { type: 'author', fields: { bio } },
        page: { limit: 500 },
      });
    const present = ids(await list({ is_present: true }));
    const exists = ids(await list({ exists: true }));
    expect(present).not.toContain('r00001');
    expect(exists).toContain('r00001');
    expect(exists).not.toContain('r00002');
    expect(ids(await list({ is_blank: true }))).toEqual(['r00001', 'r00002']);
    // Text fields take no eq (TextHrefFilter).
    expect(errorCode(await refused({ type: 'author', fields: { bio: { eq: 'x' } } }))).toBe(
      'INVALID_FILTER_FIELDS_PARAM',
    );
  });

  it('checks operator values: matches needs { pattern }, booleans must be booleans', async () => {
    const ok = await client.items.list({
      filter: { type: 'article', fields: { title: { matches: { pattern: 'story 12$' } } } },
    });
    expect(ok.map((item) => item.title)).toEqual([expect.stringMatching(/story 12$/)]);
    const bare = await cma(
      running.url,
      'GET',
      '/items?filter[type]=article&filter[fields][title][matches]=story',
    );
    expect(bare.status).toBe(422);
    expect(jsonApiError(bare.json).code).toBe('INVALID_FILTER_FIELDS_PARAM');
    const maybe = await cma(running.url, 'GET', '/items?filter[fields][_is_valid][eq]=maybe');
    expect(jsonApiError(maybe.json).code).toBe('INVALID_FILTER_FIELDS_PARAM');
    // Modular content takes no filter at all.
    expect(
      errorCode(await refused({ type: 'landing_page', fields: { sections: { exists: true } } })),
    ).toBe('INVALID_FILTER_FIELDS_PARAM');
  });

  it('takes the meta filters as typed: _status with notIn (not not_in), _creator', async () => {
    const notDraft = await client.items.rawList({
      filter: { type: 'author', fields: { _status: { notIn: ['draft'] } } },
      page: { limit: 0 },
    });
    // page[limit]=0: the count alone.
    expect(notDraft.data).toEqual([]);
    expect(notDraft.meta.total_count).toBe(38);
    expect(
      errorCode(await refused({ type: 'author', fields: { _status: { not_in: ['draft'] } } })),
    ).toBe('INVALID_FILTER_FIELDS_PARAM');
    const byOwner = await client.items.rawList({
      filter: { type: 'author', fields: { _creator: { eq: { type: 'account', id: '1001' } } } },
      page: { limit: 0 },
    });
    expect(byOwner.meta.total_count).toBe(43);
  });

  it('matches localized fields in the main locale unless `locale` says otherwise', async () => {
    const title = (pattern: string) => ({
      type: 'landing_page',
      fields: { title: { matches: { pattern, regexp: false } } },
    });
    expect(await client.items.list({ filter: title('Page d’accueil 3') })).toHaveLength(0);
    const french = await client.items.list({ filter: title('Page d’accueil 3'), locale: 'fr' });
    expect(french.map((item) => item.id)).toEqual(['r01626']);
    expect(await client.items.list({ filter: title('Landing page 3') })).toHaveLength(1);
    // filter[locale] is not a parameter of the API: it is ignored (main locale).
    const ignored = await cma(
      running.url,
      'GET',
      `/items?filter[type]=landing_page&filter[fields][title][eq]=${encodeURIComponent('Page d’accueil 3')}&filter[locale]=fr`,
    );
    expect((ignored.json as { data: unknown[] }).data).toHaveLength(0);
    expect(errorCode(await refused({ type: 'landing_page' }, { locale: 'de' }))).toBe(
      'INVALID_PARAMS',
    );
  });
});

describe('simulator query parameters (generated href schemas)', () => {
  it('refuses parameters of the wrong type or shape with 422 INVALID_FORMAT', async () => {
    for (const path of [
      '/items?nested=maybe',
      '/items?page[limit]=ten',
      '/items?page[size]=10',
      '/uploads?page[limit]=x',
      '/items/r00001/references?version=draft',
      '/upload-collections?filter[label]=x',
    ]) {
      const response = await cma(running.url, 'GET', path);
      expect(response.status, path).toBe(422);
      expect(jsonApiError(response.json).code, path).toBe('INVALID_FORMAT');
    }
  });
});

describe('simulator ordering', () => {
  it('gives no order without order_by: pages overlap, a stable order_by reads everything', async () => {
    const page = () => client.items.rawList({ filter: { type: 'article' }, page: { limit: 30 } });
    const [first, second] = [await page(), await page()];
    expect(first.data.map((item) => item.id)).not.toEqual(second.data.map((item) => item.id));

    const seen = async (extra: Record<string, unknown>) => {
      const out = new Set<string>();
      for await (const item of client.items.rawListPagedIterator(
        { filter: { type: 'article' }, ...extra },
        { perPage: 100 },
      )) {
        out.add(item.id);
      }
      return out.size;
    };
    expect(await seen({})).toBeLessThan(956);
    expect(await seen({ order_by: 'id_ASC' })).toBe(956);
    await admin(running.url, 'PUT', '/__sim/listing', { unordered: 'stable' });
    expect(await seen({})).toBe(956);
  });

  it('orders by meta columns, position and orderable field types, with one filter[type]', async () => {
    const tree = await client.items.list({
      filter: { type: 'category', fields: { parent_id: { exists: false } } },
      order_by: 'position_DESC',
    });
    expect(tree.map((item) => item.name)).toEqual([
      'Section 5',
      'Section 4',
      'Section 3',
      'Section 2',
      'Section 1',
    ]);
    // Text and slug fields are not orderable (ToItemHrefSchemaOrderBy).
    for (const order_by of ['body_ASC', 'slug_ASC']) {
      const error = await refused({ type: 'article' }, { order_by });
      expect(errorCode(error)).toBe('INVALID_ORDERING');
    }
    expect(errorCode(await refused({ ids: 'r00001,r00002' }, { order_by: 'id_ASC' }))).toBe(
      'INVALID_ORDERING',
    );
    const ranked = await client.items.list({
      filter: { type: 'article', query: 'story 1' },
      order_by: '_rank_DESC',
      page: { limit: 5 },
    });
    expect(ranked).toHaveLength(5);
  });
});

describe('simulator text search', () => {
  it('lags writes: a renamed record is found by its old name until the index catches up', async () => {
    const search = async (query: string) =>
      ids(await client.items.list({ filter: { type: 'author', query } }));
    expect(await search('Guest author 3')).toEqual(['r01613']);
    await admin(running.url, 'PATCH', '/__sim/items/r01613', { attributes: { name: 'Zephyrine' } });
    expect(await search('zephyrine')).toEqual([]);
    expect(await search('Guest author 3')).toEqual(['r01613']);
    await admin(running.url, 'POST', '/__sim/search/reindex');
    expect(await search('zephyrine')).toEqual(['r01613']);
    expect(await search('Guest author 3')).toEqual([]);

    await admin(running.url, 'PUT', '/__sim/listing', { searchLagMs: 0 });
    const { ids: created } = await admin<{ ids: string[] }>(running.url, 'POST', '/__sim/items', {
      item_type: 'author',
      attributes: { name: 'Quillon' },
    });
    expect(await search('quillon')).toEqual(created);
  });
});
