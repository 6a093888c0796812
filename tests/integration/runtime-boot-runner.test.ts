/**
 * A run prepared in one frame (the modal) and executed by another (the boot frame), over a real
 * BroadcastChannel, with the real CMA client against the simulator and one shared ledger (the
 * frames share IndexedDB in the browser).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../sandbox/sim/server';
import { prepareRun } from '../../src/engine/run';
import { MemoryLedger } from '../../src/ledger/ledger';
import { installBootHost } from '../../src/runtime/bootHost';
import { createBootRunner } from '../../src/runtime/bootRunner';
import { openSecureChannel, type RunChannel } from '../../src/runtime/channel';
import type { Keyring } from '../../src/runtime/keyring';
import { memoryRunLocks } from '../../src/runtime/runLocks';
import { testKeyring } from '../../src/runtime/testing/testKeyring';
import type { RunMessage } from '../../src/runtime/messages';
import { ADMIN, FAST_RETRY, admin, engineDeps, startSim } from './engine-harness';

let sim: RunningSimulator;
let a: ReturnType<typeof admin>;
let keyring: Keyring;
let locks: ReturnType<typeof memoryRunLocks>;
let channels: RunChannel[] = [];
let uninstall: (() => void)[] = [];

beforeAll(async () => {
  sim = await startSim();
  a = admin(sim);
});
afterAll(() => sim.close());
beforeEach(async () => {
  await a.reset();
  await a.clearFaults();
  keyring = await testKeyring(`token-${Math.random()}`);
  locks = memoryRunLocks();
});
afterEach(() => {
  uninstall.forEach((u) => u());
  channels.forEach((c) => c.close());
  uninstall = [];
  channels = [];
});

/** A frame's sealed channel, listening before the test goes on. */
async function channel(): Promise<RunChannel> {
  const c = openSecureChannel(keyring);
  channels.push(c);
  await c.ready;
  return c;
}

async function bootFrame(bootId: string, ledger: MemoryLedger, finished: string[] = []) {
  const c = await channel();
  let loads = 0;
  uninstall.push(
    installBootHost({
      channel: c,
      bootId,
      loadRunner: async () => {
        loads++;
        return createBootRunner({
          getAccess: () => ({ apiToken: ADMIN, environment: 'main', baseUrl: sim.url }),
          channel: c,
          ledger,
          locks,
          authorize: () => null,
          engine: { retryPolicy: FAST_RETRY },
          onFinished: (_summary, sentence) => finished.push(sentence),
        });
      },
    }),
  );
  return { loads: () => loads };
}

function watch(c: RunChannel) {
  const seen: RunMessage[] = [];
  c.subscribe((m) => seen.push(m));
  const until = (predicate: (m: RunMessage) => boolean, timeoutMs = 10_000) =>
    new Promise<RunMessage>((resolve, reject) => {
      const found = seen.find(predicate);
      if (found) return resolve(found);
      const timer = setTimeout(
        () => reject(new Error('timed out waiting for a message')),
        timeoutMs,
      );
      const stop = c.subscribe((m) => {
        if (!predicate(m)) return;
        clearTimeout(timer);
        stop();
        resolve(m);
      });
    });
  return { seen, until };
}

describe('runs started from the modal execute in the boot frame', () => {
  it('only the named boot frame runs it; every frame sees its events; the server agrees', async () => {
    const ids = await a.uploads(450);
    const ledger = new MemoryLedger();
    const finished: string[] = [];
    const mine = await bootFrame('tab-1', ledger, finished);
    const otherTab = await bootFrame('tab-2', ledger);
    const modal = await channel();
    const panel = watch(await channel());

    const prepared = await prepareRun(engineDeps(sim, { ledger }), {
      operationId: 'uploads.addTags',
      input: { tags: ['summer'] },
      selection: { ids, notFound: [], count: ids.length },
    });
    modal.post({
      kind: 'start',
      bootId: 'tab-1',
      runId: prepared.id,
      settings: { jobsInFlight: 2 },
    });
    // Sent twice on purpose: a repeated start must not run the chunks twice.
    modal.post({
      kind: 'start',
      bootId: 'tab-1',
      runId: prepared.id,
      settings: { jobsInFlight: 2 },
    });

    const done = await panel.until((m) => m.kind === 'event' && m.event.type === 'done');
    expect(done).toMatchObject({
      runId: prepared.id,
      event: { status: 'done', counts: { succeeded: 450, failed: 0, pending: 0 } },
    });
    expect(panel.seen.some((m) => m.kind === 'event' && m.event.type === 'progress')).toBe(true);
    expect(mine.loads()).toBe(1);
    expect(otherTab.loads()).toBe(0);

    const state = await a.state();
    const tagged = state.uploads.filter((u) => u.tags.includes('summer')).map((u) => u.id);
    expect(tagged.sort()).toEqual([...ids].sort());
    const log = await a.call<{ data: { method: string; path: string }[] }>('GET', '/__sim/log');
    const submits = log.data.filter((e) => e.method === 'POST' && e.path === '/uploads/bulk/tag');
    expect(submits).toHaveLength(3); // 450 ids in chunks of 200: once each, not twice

    await expect.poll(() => finished).toEqual(['Add tags finished: 450 succeeded.']);
    const stored = await ledger.load(prepared.id);
    expect(stored?.run.status).toBe('done');
  });

  it('answers hello with its active runs, and a cancel stops new submissions', async () => {
    await a.call('PUT', '/__sim/timing', { jobOverheadMs: 150 });
    const ids = await a.uploads(1000);
    const ledger = new MemoryLedger();
    await bootFrame('tab-1', ledger);
    const modal = await channel();
    const panel = watch(modal);

    const prepared = await prepareRun(engineDeps(sim, { ledger }), {
      operationId: 'uploads.addTags',
      input: { tags: ['winter'] },
      selection: { ids, notFound: [], count: ids.length },
    });
    modal.post({
      kind: 'start',
      bootId: 'tab-1',
      runId: prepared.id,
      settings: { jobsInFlight: 1 },
    });
    await panel.until(
      (m) => m.kind === 'event' && m.event.type === 'chunk' && m.event.state === 'submitted',
    );
    modal.post({ kind: 'hello' });
    const active = await panel.until((m) => m.kind === 'active');
    expect(active).toMatchObject({ bootId: 'tab-1', runs: [{ runId: prepared.id, total: 1000 }] });

    modal.post({ kind: 'cancel', runId: prepared.id });
    const end = await panel.until((m) => m.kind === 'event' && m.event.type === 'cancelled');
    if (end.kind !== 'event' || end.event.type !== 'cancelled') throw new Error('unreachable');
    const { succeeded, not_run, pending } = end.event.counts;
    expect(pending).toBe(0);
    expect(not_run).toBeGreaterThan(0);
    expect(succeeded + not_run).toBe(1000);

    // The report agrees with the server: exactly the succeeded ids got the tag.
    const state = await a.state();
    expect(state.uploads.filter((u) => u.tags.includes('winter'))).toHaveLength(succeeded);

    modal.post({ kind: 'hello' });
    await expect
      .poll(() => panel.seen.filter((m) => m.kind === 'active').at(-1))
      .toMatchObject({ runs: [] });
  });

  it('a lock taken away mid-run stops new submissions: the run ends cancelled, nothing is sent twice', async () => {
    await a.call('PUT', '/__sim/timing', { jobOverheadMs: 150 });
    const ids = await a.uploads(1000);
    const ledger = new MemoryLedger();
    await bootFrame('tab-1', ledger);
    const modal = await channel();
    const panel = watch(modal);
    const prepared = await prepareRun(engineDeps(sim, { ledger }), {
      operationId: 'uploads.addTags',
      input: { tags: ['stolen'] },
      selection: { ids, notFound: [], count: ids.length },
    });
    modal.post({
      kind: 'start',
      bootId: 'tab-1',
      runId: prepared.id,
      settings: { jobsInFlight: 1 },
    });
    await panel.until(
      (m) => m.kind === 'event' && m.event.type === 'chunk' && m.event.state === 'submitted',
    );
    locks.steal(prepared.id);
    const end = await panel.until((m) => m.kind === 'event' && m.event.type === 'cancelled');
    if (end.kind !== 'event' || end.event.type !== 'cancelled') throw new Error('unreachable');
    expect(end.event.counts.not_run).toBeGreaterThan(0);
    const log = await a.call<{ data: { method: string; path: string }[] }>('GET', '/__sim/log');
    const submits = log.data.filter((e) => e.method === 'POST' && e.path === '/uploads/bulk/tag');
    expect(submits.length).toBe(end.event.counts.succeeded / 200);
  });

  it('tells the modal when the run cannot be started', async () => {
    const modal = await channel();
    const panel = watch(modal);
    await bootFrame('tab-1', new MemoryLedger());
    modal.post({ kind: 'start', bootId: 'tab-1', runId: 'run-unknown', settings: {} });
    const rejected = await panel.until((m) => m.kind === 'rejected');
    expect(rejected).toMatchObject({
      runId: 'run-unknown',
      reason: 'No run run-unknown in the ledger.',
    });
  });
});
