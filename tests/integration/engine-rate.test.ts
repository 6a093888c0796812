/**
 * The rate budget against the simulator with the rate-limit headers hidden (as a cross-origin
 * browser sees the CMA when they are not exposed): the documented 60 per 3 s is used without
 * any header, and 429s caused by someone else's traffic on the same token are absorbed.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../sandbox/sim/server';
import { prepareRun } from '../../src/engine/run';
import { ADMIN, admin, engineDeps, expectAgreement, outcomesOf, startSim } from './engine-harness';

let sim: RunningSimulator;
let a: ReturnType<typeof admin>;

beforeAll(async () => {
  sim = await startSim();
  a = admin(sim);
});
afterAll(() => sim.close());
beforeEach(async () => {
  await a.reset();
  await a.clearFaults();
  await a.call('PUT', '/__sim/rate-limit', { limit: 60, windowMs: 3000, headers: 'hidden' });
});

/** A fetch that records whether any answer carried an X-RateLimit-* header. */
function watchingFetch(seen: { rateHeaders: number; statuses: number[] }): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    seen.statuses.push(response.status);
    for (const name of response.headers.keys())
      if (name.startsWith('x-ratelimit-')) seen.rateHeaders++;
    return response;
  };
}

const tagsOf = async () => new Map((await a.state()).uploads.map((u) => [u.id, u.tags]));

describe('rate budget with the rate-limit headers hidden (real client, simulator)', () => {
  it('uses the documented 60 per 3 s without any header and causes no 429 itself', async () => {
    const ids = await a.uploads(90, { tags: ['x', 'keep'] });
    const seen = { rateHeaders: 0, statuses: [] as number[] };
    const deps = engineDeps(sim, { fetchFn: watchingFetch(seen) });
    const run = await prepareRun(deps, {
      operationId: 'uploads.removeTags',
      input: { tags: ['x'] },
      selection: { resource: 'uploads', ids },
      captureBefore: false,
    });
    await run.start();
    const tags = await tagsOf();
    expect(expectAgreement(outcomesOf(run), (id) => !tags.get(id)!.includes('x'))).toMatchObject({
      succeeded: 90,
    });
    expect(seen.rateHeaders).toBe(0);
    expect(seen.statuses).not.toContain(429);
    // More than one window's worth of requests went out, all within the documented limit.
    expect(deps.api.stats.requests).toBeGreaterThan(90);
    expect(deps.api.budget.snapshot()).toMatchObject({
      limit: 60,
      capacity: 57,
      headersSeen: false,
    });
  });

  it('absorbs 429s without headers caused by someone else on the same token: lower limit, no failure', async () => {
    const ids = await a.uploads(60, { tags: ['x'] });
    const seen = { rateHeaders: 0, statuses: [] as number[] };
    const deps = engineDeps(sim, { fetchFn: watchingFetch(seen) });
    const run = await prepareRun(deps, {
      operationId: 'uploads.removeTags',
      input: { tags: ['x'] },
      selection: { resource: 'uploads', ids },
      captureBefore: false,
    });
    // Another tab spends 40 of this window's 60 requests just before the run starts.
    await Promise.all(
      Array.from({ length: 40 }, () =>
        fetch(`${sim.url}/site`, { headers: { authorization: `Bearer ${ADMIN}` } }),
      ),
    );
    await run.start();
    const tags = await tagsOf();
    expect(expectAgreement(outcomesOf(run), (id) => !tags.get(id)!.includes('x'))).toMatchObject({
      succeeded: 60,
      failed: 0,
    });
    expect(seen.statuses).toContain(429);
    expect(seen.rateHeaders).toBe(0);
    expect(deps.api.stats.throttled).toBeGreaterThan(0);
    expect(deps.api.budget.snapshot().throttledResponses).toBe(deps.api.stats.throttled);
  });
});
