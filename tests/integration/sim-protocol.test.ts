import { buildClient, type Client } from '@datocms/cma-client-browser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../sandbox/sim/server';
import {
  admin,
  apiError,
  cma,
  errorCode,
  FAST_TIMING,
  fastClient,
  jsonApiError,
  startFastSimulator,
  state,
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
  // A reset keeps the rate-limit config: back to the fast suite's limit and the default headers.
  await admin(running.url, 'PUT', '/__sim/rate-limit', {
    limit: 100_000,
    windowMs: 3000,
    headers: 'hidden',
  });
});

const exposeRateLimitHeaders = () =>
  admin(running.url, 'PUT', '/__sim/rate-limit', { headers: 'exposed' });

const tagBody = (ids: string[], tags = ['t']) =>
  JSON.stringify({
    data: {
      type: 'upload_bulk_tag_operation',
      attributes: { tags },
      relationships: { uploads: { data: ids.map((id) => ({ type: 'upload', id })) } },
    },
  });

describe('simulator protocol: auth and headers', () => {
  it('answers 401 INVALID_AUTHORIZATION_HEADER without a valid token, with JSON and rate headers', async () => {
    await exposeRateLimitHeaders();
    const missing = await cma(running.url, 'GET', '/uploads', { token: null });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(jsonApiError(missing.json).code).toBe('INVALID_AUTHORIZATION_HEADER');
    expect(missing.headers.get('x-ratelimit-limit')).toBe('100000');
    const wrong = await apiError(
      buildClient({ apiToken: 'nope', baseUrl: running.url }).site.find(),
    );
    expect(wrong.response.status).toBe(401);
    expect(errorCode(wrong)).toBe('INVALID_AUTHORIZATION_HEADER');
  });

  it('answers 401 to revoked tokens', async () => {
    expect((await client.site.find()).id).toBeDefined();
    await admin(running.url, 'PUT', '/__sim/faults', { revokedTokens: ['sim-admin-token'] });
    const error = await apiError(client.site.find());
    expect(error.response.status).toBe(401);
    expect(errorCode(error)).toBe('INVALID_AUTHORIZATION_HEADER');
  });

  it('checks X-Environment and X-Api-Version', async () => {
    const inMain = buildClient({
      apiToken: 'sim-admin-token',
      baseUrl: running.url,
      environment: 'main',
    });
    expect((await inMain.itemTypes.list()).length).toBe(10);
    const sandbox = buildClient({
      apiToken: 'sim-admin-token',
      baseUrl: running.url,
      environment: 'sandbox',
    });
    const env = await apiError(sandbox.itemTypes.list());
    expect(env.response.status).toBe(404);
    expect(errorCode(env)).toBe('INVALID_ENVIRONMENT');
    const version = await cma(running.url, 'GET', '/site', { headers: { 'x-api-version': '2' } });
    expect(version.status).toBe(422);
    expect(jsonApiError(version.json).code).toBe('INVALID_API_VERSION');
  });

  it('answers CORS preflights from any origin and exposes the rate-limit headers when told to', async () => {
    await exposeRateLimitHeaders();
    const preflight = await fetch(`${running.url}/items/bulk/publish`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://127.0.0.1:4174',
        'access-control-request-method': 'POST',
        'access-control-request-headers':
          'authorization,content-type,x-api-version,x-environment,x-extra',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4174');
    const allowed = preflight.headers.get('access-control-allow-headers')?.split(', ') ?? [];
    for (const header of [
      'authorization',
      'content-type',
      'accept',
      'x-api-version',
      'x-environment',
      'x-extra',
    ]) {
      expect(allowed).toContain(header);
    }
    expect(preflight.headers.get('access-control-allow-methods')).toMatch(
      /GET.*POST.*PUT.*DELETE.*OPTIONS/,
    );
    const get = await fetch(`${running.url}/site`, {
      headers: { origin: 'http://127.0.0.1:4173', authorization: 'Bearer sim-admin-token' },
    });
    expect(get.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4173');
    expect(get.headers.get('access-control-expose-headers')).toBe(
      'X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset',
    );
    expect(get.headers.get('x-ratelimit-remaining')).not.toBeNull();
  });

  it('hides every X-RateLimit-* header by default, 429s included, and exposes none', async () => {
    expect(
      (await admin<{ headers: string }>(running.url, 'GET', '/__sim/rate-limit')).headers,
    ).toBe('hidden');
    await admin(running.url, 'PUT', '/__sim/rate-limit', { limit: 2, windowMs: 60_000 });
    const responses = await Promise.all(
      Array.from({ length: 3 }, () =>
        fetch(`${running.url}/site`, {
          headers: { origin: 'http://127.0.0.1:4173', authorization: 'Bearer sim-admin-token' },
        }),
      ),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 429]);
    for (const response of responses) {
      const names = [...response.headers.keys()];
      expect(names.filter((name) => name.startsWith('x-ratelimit'))).toEqual([]);
      expect(response.headers.get('access-control-expose-headers')).toBeNull();
    }
    const bad = await fetch(`${running.url}/__sim/rate-limit`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ headers: 'sometimes' }),
    });
    expect(bad.status).toBe(400);
  });

  it('answers unknown routes with a JSON 404 NOT_FOUND', async () => {
    const unknown = await cma(running.url, 'GET', '/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/json/);
    expect(jsonApiError(unknown.json).code).toBe('NOT_FOUND');
  });
});

describe('simulator protocol: request bodies', () => {
  it('answers malformed JSON with 422 INVALID_JSON_BODY and starts nothing', async () => {
    const response = await cma(running.url, 'POST', '/uploads/bulk/tag', { body: '{"data": [' });
    expect(response.status).toBe(422);
    expect(jsonApiError(response.json).code).toBe('INVALID_JSON_BODY');
    const jobs = await admin<{ data: unknown[] }>(running.url, 'GET', '/__sim/jobs');
    expect(jobs.data).toHaveLength(0);
  });

  it('answers schema violations with 422 INVALID_FORMAT and details.messages', async () => {
    const response = await cma(running.url, 'POST', '/items/bulk/publish', {
      body: JSON.stringify({
        data: {
          type: 'item_bulk_publish_operation',
          relationships: { items: { data: [{ id: 'r00001' }] } },
          extra: 1,
        },
      }),
    });
    expect(response.status).toBe(422);
    const error = jsonApiError(response.json);
    expect(error.code).toBe('INVALID_FORMAT');
    expect(error.details.messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('"extra" is not a permitted key'),
        expect.stringMatching(
          /^#\/data\/relationships\/items\/data\/0: .*must have required property 'type'/,
        ),
      ]),
    );
  });

  it('accepts application/vnd.api+json and refuses other content types', async () => {
    const vnd = await cma(running.url, 'POST', '/uploads/bulk/tag', {
      body: tagBody(['u00001']),
      headers: { 'content-type': 'application/vnd.api+json' },
    });
    expect(vnd.status).toBe(202);
    const text = await cma(running.url, 'POST', '/uploads/bulk/tag', {
      body: tagBody(['u00001']),
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(422);
    expect(jsonApiError(text.json).code).toBe('INVALID_CONTENT_TYPE_HEADER');
  });
});

describe('simulator protocol: rate limit', () => {
  it('answers 429 RATE_LIMIT_EXCEEDED past the per-token limit, with X-RateLimit-* headers', async () => {
    // A long window so a slow machine cannot roll into the next one mid-test.
    await admin(running.url, 'PUT', '/__sim/rate-limit', {
      limit: 5,
      windowMs: 60_000,
      headers: 'exposed',
    });
    try {
      const responses = await Promise.all(
        Array.from({ length: 8 }, () => cma(running.url, 'GET', '/site')),
      );
      const statuses = responses.map((response) => response.status).sort();
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
      const limited = responses.find((response) => response.status === 429);
      expect(limited?.headers.get('x-ratelimit-limit')).toBe('5');
      expect(limited?.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(Number(limited?.headers.get('x-ratelimit-reset'))).toBeGreaterThanOrEqual(1);
      expect(jsonApiError(limited?.json).code).toBe('RATE_LIMIT_EXCEEDED');
      const remaining = responses
        .filter((response) => response.status === 200)
        .map((response) => Number(response.headers.get('x-ratelimit-remaining')))
        .sort();
      expect(remaining).toEqual([0, 1, 2, 3, 4]);
      // The editor token has its own window.
      expect((await cma(running.url, 'GET', '/site', { token: 'sim-editor-token' })).status).toBe(
        200,
      );
    } finally {
      await admin(running.url, 'PUT', '/__sim/rate-limit', { limit: 100_000, windowMs: 3000 });
    }
  });

  it('lets the real client absorb a 429 burst by waiting X-RateLimit-Reset', async () => {
    await exposeRateLimitHeaders();
    const plain = buildClient({ apiToken: 'sim-admin-token', baseUrl: running.url });
    await admin(running.url, 'PUT', '/__sim/faults', { rateLimitBurst: 1 });
    const { last_seq: since } = await admin<{ last_seq: number }>(running.url, 'GET', '/__sim/log');
    const started = Date.now();
    const site = await plain.site.find();
    expect(site.id).toBeDefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    const log = await admin<{ data: { status: number; fault: string | null; path: string }[] }>(
      running.url,
      'GET',
      `/__sim/log?since=${since}`,
    );
    expect(log.data.map((entry) => [entry.path, entry.status, entry.fault])).toEqual([
      ['/site', 429, 'rateLimitBurst'],
      ['/site', 200, null],
    ]);
  });
});

describe('simulator protocol: jobs and timing', () => {
  it('runs jobSlots jobs at once and queues the rest FIFO; job time = overhead + perItem × ids', async () => {
    await admin(running.url, 'PUT', '/__sim/timing', {
      jobSlots: 1,
      jobOverheadMs: 80,
      perItemMs: 10,
    });
    try {
      const started = Date.now();
      await Promise.all([
        client.uploads.bulkTag({ tags: ['a'], uploads: [{ type: 'upload', id: 'u00001' }] }),
        client.uploads.bulkTag({
          tags: ['b'],
          uploads: [
            { type: 'upload', id: 'u00002' },
            { type: 'upload', id: 'u00003' },
          ],
        }),
        client.uploads.bulkTag({ tags: ['c'], uploads: [{ type: 'upload', id: 'u00004' }] }),
      ]);
      const elapsed = Date.now() - started;
      const jobs = await admin<{
        data: { durationMs: number; startedAt: number; finishedAt: number; submittedAt: number }[];
      }>(running.url, 'GET', '/__sim/jobs');
      expect(jobs.data.map((job) => job.durationMs).sort((a, b) => a - b)).toEqual([90, 90, 100]);
      const ordered = [...jobs.data].sort((a, b) => a.startedAt - b.startedAt);
      for (let i = 1; i < ordered.length; i++) {
        expect(ordered[i]?.startedAt).toBeGreaterThanOrEqual(
          ordered[i - 1]?.finishedAt ?? Infinity,
        );
      }
      expect(elapsed).toBeGreaterThanOrEqual(280);
    } finally {
      await admin(running.url, 'PUT', '/__sim/timing', FAST_TIMING);
    }
  });

  it('validates timing updates', async () => {
    const response = await fetch(`${running.url}/__sim/timing`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jobSlots: 0 }),
    });
    expect(response.status).toBe(400);
    expect(await admin(running.url, 'GET', '/__sim/timing')).toEqual(FAST_TIMING);
  });

  it('serves the job the client polls with its default poller too', async () => {
    const plain = buildClient({ apiToken: 'sim-admin-token', baseUrl: running.url });
    const result = await plain.uploads.rawBulkTag({
      data: {
        type: 'upload_bulk_tag_operation',
        attributes: { tags: ['default-poller'] },
        relationships: { uploads: { data: [{ type: 'upload', id: 'u00011' }] } },
      },
    });
    expect(result.meta).toEqual({ successful: 1, failed: 0 });
  });
});

describe('simulator protocol: admin endpoints', () => {
  it('logs requests with seq, query, status, role and body; since= and DELETE work', async () => {
    await admin(running.url, 'DELETE', '/__sim/log');
    await client.items.list({
      filter: { type: 'article', fields: { _status: { eq: 'draft' } } },
      page: { limit: 2 },
    });
    await client.uploads.bulkTag({ tags: ['logged'], uploads: [{ type: 'upload', id: 'u00001' }] });
    const log = await admin<{
      data: {
        seq: number;
        method: string;
        path: string;
        query: unknown;
        status: number;
        role: string;
        body: unknown;
        jobId: string | null;
      }[];
    }>(running.url, 'GET', '/__sim/log');
    const [list, submit, ...polls] = log.data;
    expect(list).toMatchObject({
      method: 'GET',
      path: '/items',
      status: 200,
      role: 'Admin',
      query: {
        filter: { type: 'article', fields: { _status: { eq: 'draft' } } },
        page: { limit: '2' },
      },
    });
    expect(submit).toMatchObject({
      method: 'POST',
      path: '/uploads/bulk/tag',
      status: 202,
      jobId: expect.any(String),
    });
    expect(submit?.body).toMatchObject({ data: { attributes: { tags: ['logged'] } } });
    expect(polls.every((entry) => entry.path === `/job-results/${submit?.jobId}`)).toBe(true);
    expect(polls.at(-1)?.status).toBe(200);
    const later = await admin<{ data: unknown[] }>(
      running.url,
      'GET',
      `/__sim/log?since=${submit?.seq}`,
    );
    expect(later.data).toHaveLength(polls.length);
  });

  it('reseeds deterministically and seeds data on demand', async () => {
    const a = await state(running.url);
    await admin(running.url, 'POST', '/__sim/reset', { seed: 'demo' });
    expect(await state(running.url)).toEqual(a);
    await admin(running.url, 'POST', '/__sim/reset', { seed: 'demo', randomSeed: 7 });
    const other = await state(running.url);
    expect(other.uploads.map((u) => u.tags)).not.toEqual(a.uploads.map((u) => u.tags));

    await admin(running.url, 'POST', '/__sim/reset', { seed: 'empty' });
    const empty = await state(running.url);
    expect(empty.counts).toMatchObject({ uploads: 0, items: 0, upload_collections: 0, tags: 0 });
    const { id: folder } = await admin<{ id: string }>(
      running.url,
      'POST',
      '/__sim/upload-collections',
      { id: 'col-test', label: 'Test' },
    );
    const { ids } = await admin<{ ids: string[] }>(running.url, 'POST', '/__sim/uploads', {
      count: 3,
      tags: ['seeded'],
      upload_collection: folder,
    });
    expect(ids).toHaveLength(3);
    const created = await admin<{ ids: string[] }>(running.url, 'POST', '/__sim/items', {
      item_type: 'article',
      count: 2,
      status: 'published',
      attributes: {
        cover: { upload_id: ids[0], alt: null, title: null, custom_data: {}, focal_point: null },
      },
    });
    await admin(running.url, 'PATCH', `/__sim/uploads/${ids[1]}`, { tags: ['changed'] });
    const seeded = await state(running.url);
    expect(seeded.uploads.map((u) => [u.tags, u.upload_collection, u.in_use])).toEqual([
      [['seeded'], 'col-test', true],
      [['changed'], 'col-test', false],
      [['seeded'], 'col-test', false],
    ]);
    expect(seeded.items.map((item) => [item.id, item.status, item.is_valid])).toEqual(
      created.ids.map((id) => [id, 'published', true]),
    );
    const listed = await client.uploads.list({
      filter: { fields: { tags: { contains: 'seeded' } } },
    });
    expect(listed).toHaveLength(2);
  });

  it('registers extra tokens with a custom role', async () => {
    const custom = {
      id: 'role-publisher',
      type: 'role',
      attributes: { name: 'Publisher' },
      meta: {
        final_permissions: {
          can_manage_upload_collections: false,
          positive_item_type_permissions: [
            {
              action: 'publish',
              item_type: 'it-product',
              environment: 'main',
              on_creator: 'anyone',
              localization_scope: 'all',
            },
          ],
          negative_item_type_permissions: [],
          positive_upload_permissions: [],
          negative_upload_permissions: [],
        },
      },
    };
    await admin(running.url, 'POST', '/__sim/tokens', { token: 'publisher', role: custom });
    const publisher = fastClient(running.url, 'publisher');
    const snapshot = await state(running.url);
    const product = snapshot.items.find(
      (i) => i.item_type === 'product' && i.status === 'draft' && i.is_valid,
    );
    const article = snapshot.items.find(
      (i) => i.item_type === 'article' && i.status === 'draft' && i.is_valid && !i.locked,
    );
    expect((await publisher.items.publish(product?.id ?? '')).meta.status).toBe('published');
    const refused = await apiError(publisher.items.publish(article?.id ?? ''));
    expect(refused.response.status).toBe(403);
    const bulk = await publisher.items.rawBulkPublish({
      data: {
        type: 'item_bulk_publish_operation',
        relationships: { items: { data: [{ type: 'item', id: article?.id ?? '' }] } },
      },
    });
    expect(bulk.meta).toEqual({ successful: 0, failed: 1 });
  });
});

describe('simulator protocol: startup', () => {
  it('binds 127.0.0.1 on the requested port and seeds an empty project on request', async () => {
    const other = await startSimulator({ seed: 'empty', quiet: true, timing: FAST_TIMING });
    try {
      expect(other.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(other.port).toBeGreaterThan(0);
      const body = (await (await fetch(`${other.url}/__sim/state`)).json()) as {
        counts: { uploads: number };
      };
      expect(body.counts.uploads).toBe(0);
      const tokens = (await (await fetch(`${other.url}/__sim/tokens`)).json()) as {
        data: { token: string; label: string; user: { type: string; id: string } }[];
      };
      expect(tokens.data.map((entry) => entry.token)).toEqual([
        'sim-admin-token',
        'sim-editor-token',
        'sim-reviewer-token',
        'sim-contributor-token',
        'sim-librarian-token',
        'sim-translator-token',
      ]);
      expect(tokens.data[0]).toMatchObject({ label: 'Admin', user: { type: 'account' } });
    } finally {
      await other.close();
    }
  });
});
