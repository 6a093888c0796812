import { describe, expect, it } from 'vitest';
import { failed, SUCCEEDED } from '../../engine/outcomes';
import { planChunks, type RunRecord } from '../../engine/runState';
import { MemoryLedger } from '../../ledger/ledger';
import type { RunChannel } from '../../runtime/channel';
import type { RunMessage } from '../../runtime/messages';
import { DEFAULT_PARAMETERS } from '../../config/parameters';
import {
  canRetry,
  countsFromChunks,
  jobStateOf,
  outcomeSummary,
  retryBlockedBecause,
  type LiveFacts,
} from './jobRows';
import { JobsModel } from './jobsPanelStore';

function record(
  id: string,
  createdAt: number,
  size: number,
  status: RunRecord['status'] = 'running',
): RunRecord {
  return {
    id,
    operationId: 'uploads.addTags',
    input: { tags: ['x'] },
    createdAt,
    updatedAt: createdAt,
    status,
    chunkSize: 2,
    total: size,
    chunks: planChunks(size, 2),
    skippedAtResolution: {},
  };
}

const idle: LiveFacts = { held: new Set(), active: new Set(), now: 100_000, startGraceMs: 5000 };

function fakeChannel() {
  const listeners = new Set<(m: RunMessage) => void>();
  const posted: RunMessage[] = [];
  const channel: RunChannel = {
    post: (m) => posted.push(m),
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    close: () => listeners.clear(),
  };
  const hear = (m: RunMessage) => listeners.forEach((l) => l(m));
  return { channel, posted, hear };
}

describe('countsFromChunks', () => {
  it('counts done chunks by outcome and exceptions, the rest as pending', () => {
    const run = record('a', 1, 5);
    run.chunks[0] = {
      ...run.chunks[0]!,
      state: 'done',
      outcome: SUCCEEDED,
      exceptions: { u1: failed('X', 'no') },
    };
    run.chunks[1]!.state = 'submitted';
    expect(countsFromChunks(run)).toEqual({
      succeeded: 1,
      failed: 1,
      skipped: 0,
      not_run: 0,
      pending: 3,
      total: 5,
    });
    expect(outcomeSummary(countsFromChunks(run))).toBe('1 succeeded, 1 failed');
  });
});

describe('jobStateOf', () => {
  it('tells running (locked), starting (just created), interrupted and ended runs', () => {
    expect(jobStateOf(record('a', 99_000, 2), { ...idle, held: new Set(['a']) })).toBe('running');
    expect(jobStateOf(record('a', 99_000, 2), idle)).toBe('starting');
    expect(jobStateOf(record('a', 1, 2), idle)).toBe('interrupted');
    expect(jobStateOf(record('a', 1, 2, 'cancelling'), idle)).toBe('interrupted');
    expect(jobStateOf(record('a', 1, 2), { ...idle, resumedAt: new Map([['a', 99_500]]) })).toBe(
      'starting',
    );
    expect(jobStateOf(record('a', 1, 2, 'done'), idle)).toBe('done');
    expect(jobStateOf(record('a', 1, 2), { ...idle, ended: new Map([['a', 'done']]) })).toBe(
      'done',
    );
  });

  it('offers Retry failed only for ended runs with failed or not-run ids', () => {
    const row = {
      runId: 'a',
      operationId: 'uploads.addTags',
      label: 'Add tags',
      createdAt: 1,
      kind: 'run' as const,
      error: null,
    };
    const counts = { succeeded: 1, failed: 1, skipped: 0, not_run: 0, pending: 0, total: 2 };
    expect(canRetry({ ...row, state: 'done', counts })).toBe(true);
    expect(canRetry({ ...row, state: 'running', counts })).toBe(false);
    expect(
      canRetry({ ...row, state: 'done', counts: { ...counts, failed: 0, succeeded: 2 } }),
    ).toBe(false);
  });
});

describe('retryBlockedBecause', () => {
  const admin = {
    id: 'admin',
    meta: {
      final_permissions: {
        positive_upload_permissions: [{ action: 'all', environment: 'main' }],
      },
    },
  };
  const context = { parameters: DEFAULT_PARAMETERS, role: admin, environment: 'main' };

  it('agrees with the menus: switched-off actions and roles kept from destructive ones', () => {
    expect(retryBlockedBecause({ operationId: 'uploads.destroy' }, context)).toBeNull();
    expect(
      retryBlockedBecause(
        { operationId: 'uploads.destroy' },
        { ...context, parameters: { ...DEFAULT_PARAMETERS, destructiveRoleIds: ['other'] } },
      ),
    ).toBe('your role is not allowed to run destructive bulk actions');
    expect(
      retryBlockedBecause(
        { operationId: 'uploads.addTags' },
        {
          ...context,
          parameters: {
            ...DEFAULT_PARAMETERS,
            enabledActions: { ...DEFAULT_PARAMETERS.enabledActions, 'uploads.addTags': false },
          },
        },
      ),
    ).toBe('this action is switched off in the settings');
    expect(
      retryBlockedBecause({ operationId: 'uploads.addTags' }, { ...context, role: undefined }),
    ).toBe('your role cannot edit assets');
  });
});

describe('JobsModel', () => {
  async function setup(held = new Set<string>()) {
    const store = new MemoryLedger();
    for (const [id, at, status] of [
      ['old', 1, 'done'],
      ['dead', 2, 'running'],
      ['live', 3, 'running'],
    ] as const) {
      await store.saveIds(id, id === 'old' ? ['u1', 'u9'] : ['u1', 'u2', 'u3']);
      await store.save(record(id, at, id === 'old' ? 2 : 3, status));
    }
    const { channel, posted, hear } = fakeChannel();
    const model = new JobsModel({
      store,
      openChannel: () => channel,
      locks: { heldRunIds: async () => held },
      entityId: 'u9',
      now: () => 100_000,
      refreshEveryMs: 0,
      limit: 2,
    });
    await model.start();
    return { model, posted, hear, store };
  }

  it('lists the newest runs (capped), tells interrupted from running, and the runs touching the entity', async () => {
    const { model, posted } = await setup(new Set(['live']));
    expect(posted[0]).toEqual({ kind: 'hello' });
    const s = model.getSnapshot();
    expect(s.recent.map((r) => [r.runId, r.state])).toEqual([
      ['live', 'running'],
      ['dead', 'interrupted'],
    ]);
    expect(s.touching?.map((r) => r.runId)).toEqual(['old']);
  });

  it('overlays live progress from the channel and notices the end before the ledger', async () => {
    const { model, hear } = await setup(new Set(['live']));
    const counts = { succeeded: 2, failed: 0, skipped: 0, not_run: 0, pending: 1, total: 3 };
    hear({ kind: 'event', runId: 'live', event: { type: 'progress', counts, etaMs: null } });
    expect(model.getSnapshot().recent[0]!.counts).toEqual(counts);
    const end = { ...counts, succeeded: 3, pending: 0 };
    hear({ kind: 'event', runId: 'live', event: { type: 'done', status: 'done', counts: end } });
    expect(model.getSnapshot().recent[0]).toMatchObject({ state: 'done', counts: end });
  });

  it('Delete stored runs removes every run no frame executes, and keeps the running one', async () => {
    const { model, store } = await setup(new Set(['live']));
    expect(await model.discardAll()).toBe(2);
    expect((await store.list()).map((r) => r.id)).toEqual(['live']);
    expect(model.getSnapshot().recent.map((r) => r.runId)).toEqual(['live']);
  });

  it('a sealed end wins over a held lock: a done run stays done whoever holds its lock name', async () => {
    const { model } = await setup(new Set(['old', 'live']));
    expect(model.getSnapshot().touching?.map((r) => [r.runId, r.state])).toEqual([['old', 'done']]);
  });

  it('resumes an interrupted run in the first boot frame that answers hello', async () => {
    const { model, posted, hear } = await setup();
    const resuming = model.resume('dead', { jobsInFlight: 1 });
    expect(model.getSnapshot().recent[1]!.state).toBe('starting');
    hear({ kind: 'active', bootId: 'boot-1', runs: [] });
    await resuming;
    expect(posted.at(-1)).toEqual({
      kind: 'start',
      bootId: 'boot-1',
      runId: 'dead',
      settings: { jobsInFlight: 1 },
    });
    hear({ kind: 'rejected', runId: 'dead', reason: 'no token' });
    expect(model.getSnapshot().failures).toEqual({ dead: 'no token' });
    expect(model.getSnapshot().recent[1]!.state).toBe('interrupted');
  });

  it('stops listening on stop() and listens again on start()', async () => {
    const { model, hear } = await setup(new Set(['live']));
    const counts = { succeeded: 1, failed: 0, skipped: 0, not_run: 0, pending: 2, total: 3 };
    model.stop();
    hear({ kind: 'event', runId: 'live', event: { type: 'progress', counts, etaMs: null } });
    expect(model.getSnapshot().recent[0]!.counts.succeeded).toBe(0);
    await model.start();
    hear({ kind: 'event', runId: 'live', event: { type: 'progress', counts, etaMs: null } });
    expect(model.getSnapshot().recent[0]!.counts).toEqual(counts);
  });

  it('cancels a running run over the channel', async () => {
    const { model, posted } = await setup(new Set(['live']));
    model.cancel('live');
    expect(posted.at(-1)).toEqual({ kind: 'cancel', runId: 'live' });
  });

  it('discards a run from the ledger', async () => {
    const { model, store } = await setup();
    await model.discard('dead');
    expect(await store.load('dead')).toBeUndefined();
    expect(model.getSnapshot().recent.map((r) => r.runId)).toEqual(['live', 'old']);
  });
});
