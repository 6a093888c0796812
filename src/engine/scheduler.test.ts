import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apiError } from './testing/apiErrors';
import { FakeClock } from './testing/fakeClock';
import { FakeJobServer } from './testing/fakeJobServer';
import { idsOf, newRunRecord, runOnFakeTime } from './testing/runFixture';
import { countOutcomes, eachOutcome } from './runState';
import { JobDurationModel, PollPlanner } from './jobTiming';

const jobMs = (n: number) => 500 + 10 * n;

describe('scheduler', () => {
  it('chunks ≤200, starts at `jobsInFlight` jobs and grows while none of them waits', async () => {
    const clock = new FakeClock();
    const server = new FakeJobServer(clock, jobMs); // no worker limit: nothing ever queues
    const ids = idsOf(4000);
    const { record, events } = await runOnFakeTime({
      clock,
      op: server.op,
      ids,
      scheduler: { jobsInFlight: 4 },
    });
    expect(record.chunks).toHaveLength(20);
    expect(record.chunks.every((c) => c.end - c.start <= 200)).toBe(true);
    expect(server.maxInFlight).toBeGreaterThan(4);
    expect(server.applied.size).toBe(4000);
    expect(countOutcomes(record, ids)).toMatchObject({ succeeded: 4000, pending: 0 });
    // 20 jobs of 2.5 s: 5 rounds with 4 at a time; growing ×1.5 per round (4, 6, 9, …) it
    // needs 4 rounds and the pilot's first one.
    expect(clock.now()).toBeLessThan(5.5 * 2500);
    expect(record.status).toBe('done');
    expect(events.at(-1)).toMatchObject({ type: 'done', status: 'done' });
  });

  it('learns job time: later jobs are found done at the first poll', async () => {
    const clock = new FakeClock();
    const server = new FakeJobServer(clock, jobMs);
    const planner = new PollPlanner(new JobDurationModel());
    const ids = idsOf(200 * 40);
    const { record } = await runOnFakeTime({ clock, op: server.op, ids, planner });
    const late = record.chunks.slice(20);
    const pollsPerJob = late.reduce((s, c) => s + c.polls, 0) / late.length;
    expect(pollsPerJob).toBeLessThanOrEqual(1.5);
  });

  it('reconciles a job that reports failures: verify, then explain each failing id', async () => {
    const clock = new FakeClock();
    const failing = new Set(['id3', 'id250']);
    const server = new FakeJobServer(clock, jobMs, {
      failingIds: failing,
      missingIds: new Set(['id7']),
    });
    const ids = idsOf(400);
    const { record } = await runOnFakeTime({ clock, op: server.op, ids });
    const outcomes = new Map(eachOutcome(record, ids));
    expect(outcomes.get('id3')).toMatchObject({ state: 'failed', code: 'UNPUBLISHED_PARENT' });
    expect(outcomes.get('id250')).toMatchObject({ state: 'failed', code: 'UNPUBLISHED_PARENT' });
    expect(outcomes.get('id7')).toMatchObject({ state: 'skipped', code: 'NOT_FOUND' });
    expect(outcomes.get('id0')).toEqual({ state: 'succeeded' });
    // Only the ids not in the desired state got a per-item call.
    expect(server.itemCalls).toBe(2);
  });

  it('absorbs transient submit and poll failures and 429s', async () => {
    const clock = new FakeClock();
    const server = new FakeJobServer(clock, jobMs, {
      submitErrors: [apiError(503), new TypeError('fetch failed'), apiError(429)],
      pollErrors: [apiError(500), undefined, new TypeError('socket hang up')],
    });
    const ids = idsOf(600);
    const { record } = await runOnFakeTime({ clock, op: server.op, ids });
    expect(countOutcomes(record, ids)).toMatchObject({ succeeded: 600, failed: 0 });
  });

  it('a 5xx on a bulk job poll polls the same job again: nothing is re-submitted', async () => {
    const clock = new FakeClock();
    const server = new FakeJobServer(clock, jobMs, {
      pollErrors: [apiError(500), apiError(502), apiError(503), apiError(500)],
    });
    const ids = idsOf(400);
    const { record } = await runOnFakeTime({ clock, op: server.op, ids });
    // Two chunks of 200, one job each: the failed polls cost polls, never a second submit.
    expect(server.submits).toBe(2);
    expect(server.itemCalls).toBe(0);
    expect(countOutcomes(record, ids)).toMatchObject({ succeeded: 400, failed: 0 });
  });

  it('re-submits a job the server lost (idempotent), once', async () => {
    const clock = new FakeClock();
    const server = new FakeJobServer(clock, jobMs, { lostJobs: 1 });
    const ids = idsOf(200);
    const { record } = await runOnFakeTime({
      clock,
      op: server.op,
      ids,
      planner: new PollPlanner(new JobDurationModel(), { lostAfterMinMs: 10_000 }),
    });
    expect(server.submits).toBe(2);
    expect(countOutcomes(record, ids).succeeded).toBe(200);
  });

  it('reconciles a job that fails whole', async () => {
    const clock = new FakeClock();
    const server = new FakeJobServer(clock, jobMs, {
      failWholeJobs: { status: 422, code: 'INVALID_FORMAT' },
    });
    const ids = idsOf(50);
    const { record } = await runOnFakeTime({ clock, op: server.op, ids });
    // Every id got a per-item call, which succeeded.
    expect(server.itemCalls).toBe(50);
    expect(countOutcomes(record, ids).succeeded).toBe(50);
  });

  it('cancel stops new submissions and waits for the jobs in flight', async () => {
    const clock = new FakeClock();
    const server = new FakeJobServer(clock, jobMs);
    const ids = idsOf(2000);
    const p = runOnFakeTime({
      clock,
      op: server.op,
      ids,
      scheduler: { jobsInFlight: 2 },
      beforeRun: (control) => {
        void clock.sleep(3000).then(() => control.cancel());
      },
    });
    const { record, events } = await p;
    const counts = countOutcomes(record, ids);
    expect(counts.succeeded).toBe(server.applied.size);
    expect(counts.not_run).toBe(2000 - server.applied.size);
    expect(server.applied.size).toBeGreaterThan(0);
    expect(record.status).toBe('cancelled');
    expect(events.some((e) => e.type === 'cancelled')).toBe(true);
  });

  it('stops on a rejected token: unsent chunks not run, unread jobs unresolved', async () => {
    const clock = new FakeClock();
    const server = new FakeJobServer(clock, jobMs, {
      submitErrors: [undefined, undefined, apiError(401, 'INVALID_AUTHORIZATION_HEADER')],
      pollErrors: [
        apiError(401, 'INVALID_AUTHORIZATION_HEADER'),
        apiError(401, 'INVALID_AUTHORIZATION_HEADER'),
      ],
    });
    const ids = idsOf(1000);
    const { record } = await runOnFakeTime({
      clock,
      op: server.op,
      ids,
      scheduler: { jobsInFlight: 3 },
    });
    expect(record.status).toBe('interrupted');
    const counts = countOutcomes(record, ids);
    expect(counts.pending).toBe(0);
    expect(counts.succeeded + counts.failed + counts.not_run).toBe(1000);
    expect(record.chunks.filter((c) => c.unresolved).every((c) => c.jobId)).toBe(true);
  });

  it('per-item without waiting: sends, then confirms by re-reading; stragglers explained', async () => {
    const clock = new FakeClock();
    const server = new FakeJobServer(
      clock,
      () => 300,
      { failingIds: new Set(['id2']) },
      'perItemNoWait',
    );
    const ids = idsOf(20);
    const { record } = await runOnFakeTime({ clock, op: server.op, ids, chunkSize: 10 });
    const outcomes = new Map(eachOutcome(record, ids));
    expect(outcomes.get('id2')).toMatchObject({ state: 'failed', code: 'UNPUBLISHED_PARENT' });
    expect(countOutcomes(record, ids).succeeded).toBe(19);
    expect(server.applied.size).toBe(19);
  });

  it('per-item mode applies only the ids not yet in the desired state', async () => {
    const clock = new FakeClock();
    const server = new FakeJobServer(clock, jobMs, { failingIds: new Set(['id5']) }, 'perItem');
    server.applied.add('id1');
    const ids = idsOf(30);
    const { record } = await runOnFakeTime({ clock, op: server.op, ids, chunkSize: 10 });
    expect(server.itemCalls).toBe(29);
    const outcomes = new Map(eachOutcome(record, ids));
    expect(outcomes.get('id5')).toMatchObject({ state: 'failed', code: 'UNPUBLISHED_PARENT' });
    expect(countOutcomes(record, ids).succeeded).toBe(29);
  });
});

describe('scheduler: the operation guard (checked right before a chunk is sent)', () => {
  it('leaves guarded ids out of the job; they end skipped with the reason; one check per chunk', async () => {
    const clock = new FakeClock();
    const guarded = new Set(['id3', 'id250']);
    const server = new FakeJobServer(clock, jobMs, { guarded });
    const ids = idsOf(400);
    const { record } = await runOnFakeTime({ clock, op: server.op, ids });
    const outcomes = new Map(eachOutcome(record, ids));
    expect(outcomes.get('id3')).toEqual({ state: 'skipped', code: 'IN_USE', reason: 'in use' });
    expect(outcomes.get('id250')).toMatchObject({ state: 'skipped', code: 'IN_USE' });
    expect(server.sent.has('id3')).toBe(false);
    expect(server.sent.has('id250')).toBe(false);
    expect(countOutcomes(record, ids)).toMatchObject({ succeeded: 398, skipped: 2 });
    expect(server.guardChecks).toBe(2);
    // A job covering 199 of 200 ids is complete: no reconciliation, no per-item calls.
    expect(server.itemCalls).toBe(0);
  });

  it('sees what changed after the run started: an id guarded after chunk 1 was sent is spared in chunk 3', async () => {
    const clock = new FakeClock();
    const guarded = new Set<string>();
    const server = new FakeJobServer(clock, jobMs, { guarded });
    const ids = idsOf(600);
    const { record } = await runOnFakeTime({
      clock,
      op: server.op,
      ids,
      scheduler: { jobsInFlight: 1 },
      beforeRun: () => {
        // Chunk 1 is checked at t=0; before chunk 3 is checked, id450 and id5 become "in use".
        void clock.sleep(100).then(() => {
          guarded.add('id450');
          guarded.add('id5');
        });
      },
    });
    const outcomes = new Map(eachOutcome(record, ids));
    expect(outcomes.get('id5')).toEqual({ state: 'succeeded' }); // already sent
    expect(outcomes.get('id450')).toMatchObject({ state: 'skipped', code: 'IN_USE' });
    expect(server.applied.has('id450')).toBe(false);
  });

  it('ids it cannot check are not sent: they fail with the check’s error; transient errors are retried', async () => {
    const clock = new FakeClock();
    const server = new FakeJobServer(clock, jobMs, {
      guarded: new Set(),
      guardErrors: [apiError(503), apiError(422, 'INVALID_FILTER_FIELDS_PARAM')],
    });
    const ids = idsOf(400);
    const { record } = await runOnFakeTime({
      clock,
      op: server.op,
      ids,
      scheduler: { jobsInFlight: 1 },
    });
    const outcomes = new Map(eachOutcome(record, ids));
    // Chunk 1: 503 then 422 (permanent) → not sent; chunk 2 checks fine.
    expect(outcomes.get('id0')).toMatchObject({
      state: 'failed',
      code: 'INVALID_FILTER_FIELDS_PARAM',
    });
    expect((outcomes.get('id0') as { reason: string }).reason).toMatch(
      /^Not sent: it could not be checked/,
    );
    expect(server.sent.has('id0')).toBe(false);
    expect(countOutcomes(record, ids)).toMatchObject({ succeeded: 200, failed: 200 });
  });

  it('per-item runs: the guard sees the ids that need the change, before any is sent', async () => {
    const clock = new FakeClock();
    const server = new FakeJobServer(clock, jobMs, { guarded: new Set(['id4']) }, 'perItemNoWait');
    server.applied.add('id1');
    const ids = idsOf(10);
    const { record } = await runOnFakeTime({ clock, op: server.op, ids, chunkSize: 10 });
    const outcomes = new Map(eachOutcome(record, ids));
    expect(outcomes.get('id4')).toMatchObject({ state: 'skipped', code: 'IN_USE' });
    expect(outcomes.get('id1')).toEqual({ state: 'succeeded' });
    expect(server.sent.has('id4')).toBe(false);
    expect(server.itemCalls).toBe(8);
  });

  it('a rejected token during the check: nothing more is sent, the chunk is not run', async () => {
    const clock = new FakeClock();
    const server = new FakeJobServer(clock, jobMs, {
      guarded: new Set(),
      guardErrors: [apiError(401, 'INVALID_AUTHORIZATION_HEADER')],
    });
    const ids = idsOf(400);
    const { record } = await runOnFakeTime({
      clock,
      op: server.op,
      ids,
      scheduler: { jobsInFlight: 1 },
    });
    expect(server.submits).toBe(0);
    expect(countOutcomes(record, ids)).toMatchObject({ not_run: 400 });
    expect(record.status).toBe('interrupted');
  });

  it('resume: a job submitted without the left-out ids is not taken to cover them', async () => {
    const clock = new FakeClock();
    const guarded = new Set(['id2']);
    const server = new FakeJobServer(clock, jobMs, { guarded });
    const ids = idsOf(10);
    const record = newRunRecord(ids, 10);
    // A first session checked the chunk, left id2 out and submitted the other 9.
    const jobId = await server.op.submit(ids.filter((id) => id !== 'id2'));
    record.chunks[0]!.jobId = jobId!;
    record.chunks[0]!.state = 'submitted';
    record.chunks[0]!.submittedAt = 0;
    record.chunks[0]!.leftOut = { id2: { state: 'skipped', code: 'IN_USE', reason: 'in use' } };
    guarded.clear(); // no longer in use: still not sent (it was left out before the submit)
    const { record: done } = await runOnFakeTime({ clock, op: server.op, ids, record });
    const outcomes = new Map(eachOutcome(done, ids));
    expect(outcomes.get('id2')).toMatchObject({ state: 'skipped', code: 'IN_USE' });
    expect(countOutcomes(done, ids)).toMatchObject({ succeeded: 9, skipped: 1 });
    expect(server.sent.has('id2')).toBe(false);
    expect(server.guardChecks).toBe(0);
  });
});

describe('scheduler (property)', () => {
  it('any interleaving of job and item outcomes leaves every id in exactly one final state', async () => {
    const transient = () =>
      fc.constantFrom<Error | undefined>(
        undefined,
        undefined,
        apiError(503),
        apiError(429),
        new TypeError('x'),
      );
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          n: fc.integer({ min: 1, max: 700 }),
          chunkSize: fc.integer({ min: 1, max: 200 }),
          slots: fc.integer({ min: 1, max: 8 }),
          failing: fc.array(fc.integer({ min: 0, max: 699 }), { maxLength: 20 }),
          missing: fc.array(fc.integer({ min: 0, max: 699 }), { maxLength: 10 }),
          submitErrors: fc.array(transient(), { maxLength: 10 }),
          pollErrors: fc.array(transient(), { maxLength: 10 }),
          failWhole: fc.boolean(),
          guarded: fc.option(fc.array(fc.integer({ min: 0, max: 699 }), { maxLength: 15 })),
          cancelAt: fc.option(fc.integer({ min: 0, max: 20_000 })),
          jobBase: fc.integer({ min: 1, max: 3000 }),
          mode: fc.constantFrom<'bulk' | 'perItem' | 'perItemNoWait'>(
            'bulk',
            'perItem',
            'perItemNoWait',
          ),
        }),
        async (p) => {
          const clock = new FakeClock();
          const ids = idsOf(p.n);
          const server = new FakeJobServer(
            clock,
            (k) => p.jobBase + 5 * k,
            {
              failingIds: new Set(p.failing.map((i) => `id${i}`)),
              missingIds: new Set(p.missing.map((i) => `id${i}`)),
              submitErrors: [...p.submitErrors],
              pollErrors: [...p.pollErrors],
              ...(p.failWhole ? { failWholeJobs: { status: 422, code: 'X' } } : {}),
              ...(p.guarded ? { guarded: new Set(p.guarded.map((i) => `id${i}`)) } : {}),
            },
            p.mode,
          );
          const { record } = await runOnFakeTime({
            clock,
            op: server.op,
            ids,
            chunkSize: p.chunkSize,
            scheduler: { jobsInFlight: p.slots },
            beforeRun: (control) => {
              if (p.cancelAt !== null) void clock.sleep(p.cancelAt).then(() => control.cancel());
            },
          });
          const seen = new Set<string>();
          for (const [id, o] of eachOutcome(record, ids)) {
            expect(seen.has(id)).toBe(false);
            seen.add(id);
            expect(o).toBeDefined();
            // The report agrees with the server, id by id.
            if (o!.state === 'succeeded') expect(server.applied.has(id)).toBe(true);
            else expect(server.applied.has(id)).toBe(false);
            const isGuarded = !!p.guarded?.includes(Number(id.slice(2)));
            if (o!.state === 'skipped')
              expect([...p.missing, ...(p.guarded ?? [])].map((i) => `id${i}`)).toContain(id);
            // A guarded id is never sent, whatever else happens.
            if (isGuarded) expect(server.sent.has(id)).toBe(false);
          }
          expect(seen.size).toBe(p.n);
          const c = countOutcomes(record, ids);
          expect(c.succeeded + c.failed + c.skipped + c.not_run).toBe(p.n);
        },
      ),
      { numRuns: 60 },
    );
    // Fake time, so no wait is real: the 60 runs (up to 700 ids each) are CPU only, about 2 s
    // alone, but over vitest's 5 s default on a loaded 2-core machine.
  }, 30_000);
});
