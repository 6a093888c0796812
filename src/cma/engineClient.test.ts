import { ApiError } from '@datocms/cma-client-browser';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../engine/clock';
import { createEngineClient } from './engineClient';
import { jobIdOf, pollJobOnce } from './jobs';

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

function fakeFetch(replies: Reply[], seen: string[]): typeof fetch {
  return async (input, init) => {
    seen.push(`${init?.method ?? 'GET'} ${String(input)}`);
    const r = replies.shift() ?? { status: 500 };
    return new Response(r.body === undefined ? null : JSON.stringify(r.body), {
      status: r.status,
      headers: { 'content-type': 'application/json', ...(r.headers ?? {}) },
    });
  };
}

const access = { apiToken: 't', environment: 'main', baseUrl: 'http://cma.test' };

describe('createEngineClient (real client, fake fetch)', () => {
  it('returns the job id right after the 202 and leaves polling to us', async () => {
    const seen: string[] = [];
    const api = createEngineClient(access, {
      clock: systemClock,
      fetchFn: fakeFetch(
        [
          {
            status: 202,
            body: { data: { type: 'job', id: 'job-1' } },
            headers: { 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '59' },
          },
          {
            status: 404,
            body: {
              data: [
                {
                  id: 'x',
                  type: 'api_error',
                  attributes: { code: 'NOT_FOUND', details: {}, doc_url: '' },
                },
              ],
            },
          },
          {
            status: 200,
            body: {
              data: {
                type: 'job_result',
                id: 'job-1',
                attributes: {
                  status: 200,
                  payload: { data: [], meta: { successful: 2, failed: 0 } },
                },
              },
            },
          },
        ],
        seen,
      ),
    });
    const result = await api.client.items.rawBulkPublish({
      data: {
        type: 'item_bulk_publish_operation',
        relationships: { items: { data: [{ type: 'item', id: 'a' }] } },
      },
    });
    expect(jobIdOf(result)).toBe('job-1');
    expect(await pollJobOnce(api.client, 'job-1')).toBe('pending');
    expect(await pollJobOnce(api.client, 'job-1')).toEqual({
      status: 200,
      payload: { data: [], meta: { successful: 2, failed: 0 } },
    });
    expect(seen).toEqual([
      'POST http://cma.test/items/bulk/publish',
      'GET http://cma.test/job-results/job-1',
      'GET http://cma.test/job-results/job-1',
    ]);
    expect(api.budget.snapshot().limit).toBe(60);
    expect(api.stats).toMatchObject({ requests: 3, polls: 2, submits: 1 });
  });

  it('autoRetry is off: a 429 reaches the engine (whose policy retries) instead of looping in the client', async () => {
    const seen: string[] = [];
    const api = createEngineClient(access, {
      clock: systemClock,
      fetchFn: fakeFetch([{ status: 429, headers: { 'x-ratelimit-reset': '1' } }], seen),
    });
    await expect(api.client.request({ method: 'GET', url: '/uploads' })).rejects.toBeInstanceOf(
      ApiError,
    );
    expect(seen).toHaveLength(1);
    expect(api.stats.throttled).toBe(1);
    expect(api.budget.snapshot().blockedUntil).toBeGreaterThan(Date.now());
  });
});
