import { describe, expect, it } from 'vitest';
import { EventStream } from './events';
import { JobConcurrency } from './jobConcurrency';
import { JobDurationModel, PollPlanner } from './jobTiming';
import { planChunks, type RunRecord } from './runState';
import { executeRun, RunControl } from './scheduler';
import { CmaModel, mulberry32 } from './testing/cmaModel';
import { FakeClock } from './testing/fakeClock';

const JOB_MS = 400 + 4 * 200;

/** The 10,000-asset tag workload (Undo snapshots on) against the model of the simulator. */
async function tagRun(
  slots: number,
  options: { ids?: number; during?: (cma: CmaModel, clock: FakeClock) => void } = {},
) {
  const clock = new FakeClock();
  const cma = new CmaModel(clock, { slots, headers: 'hidden', random: mulberry32(1) });
  const n = options.ids ?? 10_000;
  const ids = Array.from({ length: n }, (_, i) => `u${i}`);
  const run: RunRecord = {
    id: 'r',
    operationId: 'uploads.addTags',
    input: {},
    createdAt: 0,
    updatedAt: 0,
    status: 'running',
    chunkSize: 200,
    total: n,
    chunks: planChunks(n, 200),
    skippedAtResolution: {},
    before: {},
  };
  const concurrency = new JobConcurrency({ initial: 4 });
  options.during?.(cma, clock);
  await clock.run(
    executeRun({
      run,
      ids,
      op: cma.op,
      clock,
      planner: new PollPlanner(new JobDurationModel(), { coldStartMs: 250 }),
      concurrency,
      events: new EventStream(),
      control: new RunControl(),
      options: { jobsInFlight: 4, itemConcurrency: 8, random: () => 0.5 },
      onChange: () => undefined,
      snapshotOf: (current) => current,
    }),
  );
  const jobs = Math.ceil(n / 200);
  return {
    wall: clock.now(),
    rounds: Math.ceil(jobs / slots) * JOB_MS,
    concurrency,
    cma,
    succeeded: cma.applied.size,
  };
}

describe('JobConcurrency: the jobs in flight follow the server’s workers (fake time)', () => {
  it.each([1, 2, 4])(
    'with %i workers: near the schedule bound, limit = workers + a standing queue, no 429',
    async (slots) => {
      const r = await tagRun(slots);
      expect(r.succeeded).toBe(10_000);
      expect(r.wall / r.rounds).toBeLessThanOrEqual(1.1);
      expect(r.concurrency.slots).toBe(slots);
      expect(r.concurrency.limit).toBeGreaterThanOrEqual(slots + 1);
      expect(r.concurrency.limit).toBeLessThanOrEqual(slots + Math.max(1, slots / 2) + 1);
      // Never far beyond: slow start doubles from what was seen to run at once.
      expect(r.cma.maxInFlight).toBeLessThanOrEqual(2 * slots + 4);
      expect(r.cma.throttled).toBe(0);
    },
  );

  it('with 8 workers it grows past the setting of 4 and uses them all', async () => {
    const r = await tagRun(8);
    expect(r.succeeded).toBe(10_000);
    expect(r.cma.maxInFlight).toBeGreaterThan(8);
    // Rate-bound as much as worker-bound here (3 requests per job at 60 per 3 s).
    expect(r.wall / r.rounds).toBeLessThanOrEqual(1.25);
    expect(r.wall).toBeLessThan(16.8e3 * 0.65); // the old fixed 4 in flight: 16.8 s
  });

  it('backs off when the server gives us fewer workers mid-run (other people’s jobs)', async () => {
    const r = await tagRun(8, {
      during: (cma, clock) => void clock.sleep(4000).then(() => cma.setSlots(2)),
    });
    expect(r.succeeded).toBe(10_000);
    expect(r.concurrency.slots).toBeLessThanOrEqual(3);
    expect(r.concurrency.limit).toBeLessThanOrEqual(5);
  });

  it('the first job of a session goes alone until the server has accepted it', () => {
    const c = new JobConcurrency({ initial: 4 });
    const changes: number[] = [];
    c.onChange(() => changes.push(c.limit));
    expect(c.limit).toBe(1);
    c.submitted(200, 0, 1);
    expect(c.limit).toBe(4);
    expect(changes).toEqual([4]);
  });

  it('fits the workers from poll brackets: a pending poll after a predicted finish lowers them', () => {
    const c = new JobConcurrency({ initial: 4 });
    const service = () => 1000;
    // Three jobs sent at once to a one-worker server: done at 1 s, 2 s, 3 s.
    const jobs = [0, 1, 2].map((i) => c.submitted(200, 0, i + 1));
    c.observe(jobs[0]!, { pendingAt: 900, doneAt: 1050 });
    c.refit(jobs[0]!, service);
    c.observe(jobs[1]!, { pendingAt: 1950, doneAt: 2050 });
    c.refit(jobs[1]!, service);
    c.observe(jobs[2]!, { pendingAt: 2950, doneAt: 3050 });
    c.refit(jobs[2]!, service);
    expect(c.slots).toBe(1);
    expect(c.queued).toBe(true);
    expect(c.limit).toBe(2); // one worker + a standing queue of one
    const next = c.submitted(200, 3100, 2);
    // The server is idle again: the next job starts at once.
    expect(c.expected(next, service)).toMatchObject({ waits: false });
  });
});
