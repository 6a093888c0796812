/**
 * Per-item jobs (PUT /uploads/:id answers 202 + job): a 5xx on the job's poll polls the same job
 * again; it never re-sends the PUT, and the item ends with the job's own outcome.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../sandbox/sim/server';
import { prepareRun } from '../../src/engine/run';
import { admin, engineDeps, outcomesOf, startSim } from './engine-harness';

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
  await a.rateLimit(60);
});

describe('per-item jobs under poll faults (real client, simulator)', () => {
  it('a 5xx on a per-item job poll re-polls that job: one PUT per attempt, the item keeps its own reason', async () => {
    // One asset: the request sequence, and so the seeded fault dice, are the same on every run.
    const [id] = await a.uploads(1, { tags: ['t'] });
    await a.faults({
      pollErrorRate: 0.5,
      failingItemIds: { [id!]: { code: 'INVALID_FORMAT', status: 422 } },
    });
    const deps = engineDeps(sim);
    const run = await prepareRun(deps, {
      operationId: 'uploads.removeTags',
      input: { tags: ['t'] },
      selection: { resource: 'uploads', ids: [id!] },
    });
    await run.start();
    const log = await a.call<{ data: { method: string; path: string }[] }>('GET', '/__sim/log');
    const puts = log.data.filter((e) => e.method === 'PUT' && e.path === `/uploads/${id}`);
    const polls = log.data.filter((e) => e.method === 'GET' && e.path.startsWith('/job-results/'));
    expect(outcomesOf(run).get(id!)).toMatchObject({ state: 'failed', code: 'INVALID_FORMAT' });
    // The run sends without waiting (sendOne), re-reads, then explains the item once (applyOne).
    expect(puts).toHaveLength(2);
    expect(polls.length).toBeGreaterThan(1);
  });
});
