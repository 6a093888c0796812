/**
 * One test per fault the simulator can inject. In each, the run's report and the simulator's
 * final state agree id by id, every id ends in exactly one state, and "retry failed" (or resume)
 * converges once the fault is gone. DatoCMS's own rate limit (60 per 3 s) stays on.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../sandbox/sim/server';
import { prepareRun, resumeRun, retryFailed, type EngineDeps } from '../../src/engine/run';
import { IndexedDbLedger } from '../../src/ledger/indexedDbLedger';
import { testKeyring } from '../../src/runtime/testing/testKeyring';
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
  await a.rateLimit(60);
});

const tagged = async () =>
  new Map((await a.state()).uploads.map((u) => [u.id, u.tags.includes('t')]));

async function tagRun(deps: EngineDeps, ids: string[]) {
  const run = await prepareRun(deps, {
    operationId: 'uploads.addTags',
    input: { tags: ['t'] },
    selection: { resource: 'uploads', ids },
  });
  await run.start();
  return run;
}

/** Retries failed ids until nothing fails (at most `rounds` times); returns the last run. */
async function retryUntilClean(deps: EngineDeps, runId: string, rounds = 3) {
  let id = runId;
  for (let i = 0; i < rounds; i++) {
    const retry = await retryFailed(deps, id).catch(() => undefined);
    if (!retry) return;
    await retry.start();
    id = retry.id;
  }
}

describe('engine under injected faults (real client, simulator)', () => {
  it('429 bursts: absorbed, no failure reaches the user', async () => {
    const ids = await a.uploads(800);
    await a.faults({ rateLimitBurst: 6 });
    const deps = engineDeps(sim);
    const run = await tagRun(deps, ids);
    const t = await tagged();
    expect(expectAgreement(outcomesOf(run), (id) => !!t.get(id))).toMatchObject({ succeeded: 800 });
    expect(deps.api.stats.throttled).toBeGreaterThanOrEqual(6);
  });

  it('20% 5xx on submits and on polls: retried safely, all succeed', async () => {
    // The engine polls little more than once per job: 20% of ~25 submits and polls hits some.
    const ids = await a.uploads(2400);
    await a.faults({ submitErrorRate: 0.2, pollErrorRate: 0.2 });
    const deps = engineDeps(sim);
    const run = await tagRun(deps, ids);
    const t = await tagged();
    expect(expectAgreement(outcomesOf(run), (id) => !!t.get(id))).toMatchObject({
      succeeded: 2400,
    });
    expect(deps.api.stats.serverErrors).toBeGreaterThan(0);
  });

  it('dropped connections (before and after handling): retried, report matches the server', async () => {
    const ids = await a.uploads(800);
    await a.faults({ dropConnectionRate: 0.1, dropConnectionPhase: 'after' });
    const deps = engineDeps(sim);
    const first = await tagRun(deps, ids.slice(0, 400));
    await a.faults({ dropConnectionPhase: 'before' });
    const second = await tagRun(deps, ids.slice(400));
    const t = await tagged();
    for (const run of [first, second]) {
      const counts = expectAgreement(outcomesOf(run), (id) => !!t.get(id));
      expect(counts.succeeded + counts.failed).toBe(400);
    }
    expect(deps.api.stats.networkErrors).toBeGreaterThan(0);
    await a.clearFaults();
    await retryUntilClean(deps, first.id);
    await retryUntilClean(deps, second.id);
    const after = await tagged();
    expect(ids.every((id) => after.get(id))).toBe(true);
  });

  it('failing jobs: a crashed job is re-submitted once, a job failing again is explained item by item', async () => {
    const ids = await a.items(600, { item_type: 'article', status: 'draft' });
    // Two jobs crash with 500: each is re-submitted once as a bulk job and then succeeds.
    await a.faults({ failingJobs: { next: 2, status: 500, code: 'EXCEPTION' } });
    const deps = engineDeps(sim);
    const run = await prepareRun(deps, {
      operationId: 'items.publish',
      input: {},
      selection: { resource: 'items', ids },
    });
    await run.start();
    const status = new Map((await a.state()).items.map((i) => [i.id, i.status]));
    expect(expectAgreement(outcomesOf(run), (id) => status.get(id) === 'published')).toMatchObject({
      succeeded: 600,
    });
    const log = await a.call<{ data: { method: string; path: string }[] }>('GET', '/__sim/log');
    // 3 chunks + 2 re-submissions of the crashed jobs.
    expect(
      log.data.filter((e) => e.method === 'POST' && e.path === '/items/bulk/publish'),
    ).toHaveLength(5);

    await a.reset();
    const more = await a.items(50, { item_type: 'article', status: 'draft' });
    await a.faults({ failingJobs: { next: 1, status: 422, code: 'INVALID_FORMAT' } });
    const second = await prepareRun(deps, {
      operationId: 'items.publish',
      input: {},
      selection: { resource: 'items', ids: more },
    });
    await second.start();
    const status2 = new Map((await a.state()).items.map((i) => [i.id, i.status]));
    // Reconciliation re-read the chunk and published each record with a per-item call.
    expect(
      expectAgreement(outcomesOf(second), (id) => status2.get(id) === 'published'),
    ).toMatchObject({
      succeeded: 50,
    });
  });

  it('failing items: failed with their code and reason; retry-failed converges once fixed', async () => {
    const ids = await a.items(400, { item_type: 'article', status: 'draft' });
    await a.faults({
      failingItemIds: {
        [ids[0]!]: { code: 'ITEM_LOCKED' },
        [ids[201]!]: { code: 'INSUFFICIENT_PERMISSIONS', status: 403 },
        [ids[399]!]: { code: 'INVALID_DRAFT' },
      },
    });
    const deps = engineDeps(sim);
    const run = await prepareRun(deps, {
      operationId: 'items.publish',
      input: {},
      selection: { resource: 'items', ids },
    });
    await run.start();
    let status = new Map((await a.state()).items.map((i) => [i.id, i.status]));
    const outcomes = outcomesOf(run);
    expect(expectAgreement(outcomes, (id) => status.get(id) === 'published')).toMatchObject({
      succeeded: 397,
      failed: 3,
    });
    expect(outcomes.get(ids[0]!)).toMatchObject({
      code: 'ITEM_LOCKED',
      reason: expect.stringMatching(/locked/),
    });
    expect(outcomes.get(ids[201]!)).toMatchObject({ code: 'INSUFFICIENT_PERMISSIONS' });
    expect(outcomes.get(ids[399]!)).toMatchObject({ code: 'INVALID_DRAFT' });
    await a.clearFaults();
    const retry = await retryFailed(deps, run.id);
    await retry.start();
    status = new Map((await a.state()).items.map((i) => [i.id, i.status]));
    expect(
      expectAgreement(outcomesOf(retry), (id) => status.get(id) === 'published').succeeded,
    ).toBe(3);
    expect(ids.every((id) => status.get(id) === 'published')).toBe(true);
  });

  it('token revoked mid-run: stops, nothing is misreported; resume with access back converges', async () => {
    const ids = await a.uploads(2000);
    const deps = engineDeps(sim);
    const run = await prepareRun(deps, {
      operationId: 'uploads.addTags',
      input: { tags: ['t'] },
      selection: { resource: 'uploads', ids },
      jobsInFlight: 2,
    });
    let revoked = false;
    run.events.subscribe((e) => {
      if (!revoked && e.type === 'chunk' && e.state === 'done' && e.index >= 1) {
        revoked = true;
        void a.faults({ revokedTokens: [ADMIN] });
      }
    });
    await run.start();
    expect(run.record.status).toBe('interrupted');
    let t = await tagged();
    const outcomes = outcomesOf(run);
    const counts = { succeeded: 0, failed: 0, not_run: 0, skipped: 0 };
    for (const [id, o] of outcomes) {
      counts[o.state]++;
      if (o.state === 'succeeded') expect(t.get(id)).toBe(true);
      if (o.state === 'not_run') expect(t.get(id)).toBe(false);
      if (o.state === 'failed') expect(o.code).toBe('OUTCOME_UNKNOWN');
    }
    expect(counts.not_run).toBeGreaterThan(0);
    expect(counts.succeeded).toBeGreaterThan(0);
    await a.faults({ revokedTokens: [] });
    const resumed = await resumeRun(deps, run.id);
    await resumed.start();
    t = await tagged();
    expect(expectAgreement(outcomesOf(resumed), (id) => !!t.get(id))).toMatchObject({
      succeeded: 2000,
    });
  });

  it('restart mid-run (page reload): resumed from the IndexedDB ledger, jobs re-polled, rest continued', async () => {
    const ids = await a.uploads(2000);
    const ledger = await IndexedDbLedger.open(await testKeyring(`restart-${Date.now()}`));
    // The first "page": its fetch stops answering once a few chunks are in flight (the page is gone).
    let dead = false;
    const deadFetch: typeof fetch = (input, init) =>
      dead ? new Promise<Response>(() => undefined) : fetch(input, init);
    const page1 = engineDeps(sim, { ledger, fetchFn: deadFetch });
    const run = await prepareRun(page1, {
      operationId: 'uploads.addTags',
      input: { tags: ['t'] },
      selection: { resource: 'uploads', ids },
      jobsInFlight: 3,
    });
    let submitted = 0;
    let reloaded!: () => void;
    const reload = new Promise<void>((resolve) => (reloaded = resolve));
    run.events.subscribe((e) => {
      if (e.type === 'chunk' && e.state === 'submitted' && ++submitted === 5) {
        dead = true;
        reloaded();
      }
    });
    void run.start();
    await reload;
    await new Promise((r) => setTimeout(r, 50)); // let the last ledger write land
    const stored = await ledger.load(run.id);
    expect(stored?.run.chunks.some((c) => c.jobId && c.state !== 'done')).toBe(true);
    expect(JSON.stringify(stored)).not.toContain(ADMIN);

    // The second "page": a fresh client and engine, same ledger.
    const page2 = engineDeps(sim, { ledger });
    const resumed = await resumeRun(page2, run.id);
    await resumed.start();
    const t = await tagged();
    expect(expectAgreement(outcomesOf(resumed), (id) => !!t.get(id))).toMatchObject({
      succeeded: 2000,
    });
    // Jobs submitted before the reload were polled, not submitted again.
    const log = await a.call<{ data: { method: string; path: string }[] }>('GET', '/__sim/log');
    expect(
      log.data.filter((e) => e.method === 'POST' && e.path === '/uploads/bulk/tag'),
    ).toHaveLength(10);
    ledger.close();
  });
});
