import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../sandbox/sim/server';
import { previewRun } from '../../src/engine/preview';
import { prepareRun, retryFailed, undoRun } from '../../src/engine/run';
import { loadValidationContext } from '../../src/operations/shared/validationContext';
import type { EngineEvent } from '../../src/engine/events';
import { loadOperation } from '../../src/operations/loadOperation';
import { systemClock } from '../../src/engine/clock';
import { admin, engineDeps, expectAgreement, outcomesOf, startSim } from './engine-harness';

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
  // Per-upload runs (remove tags, the undo of add tags) are rate-bound: a generous limit keeps
  // this suite fast; engine-faults keeps DatoCMS's 60 per 3 s.
  await a.rateLimit(600);
});

describe('engine runs against the simulator (real client)', () => {
  it('add tags: selection ids ∪ query − exclude, chunked jobs, report agrees with the server; undo removes only added tags', async () => {
    const tagged = await a.uploads(250, { tags: ['old'] });
    const loose = await a.uploads(150);
    const already = loose.slice(0, 10);
    for (const id of already) await a.call('PATCH', `/__sim/uploads/${id}`, { tags: ['new'] });
    const deps = engineDeps(sim);
    const events: EngineEvent[] = [];
    const run = await prepareRun(deps, {
      operationId: 'uploads.addTags',
      input: { tags: ['new'] },
      selection: {
        resource: 'uploads',
        ids: [...loose, 'does-not-exist'],
        queries: [
          { filter: { fields: { tags: { contains: 'old' } } }, exclude: tagged.slice(0, 50) },
        ],
      },
    });
    run.events.subscribe((e) => events.push(e));
    expect(run.record.total).toBe(150 + 200 + 1);
    await run.start();
    const state = await a.state();
    const tags = new Map(state.uploads.map((u) => [u.id, u.tags]));
    const outcomes = outcomesOf(run);
    expect(outcomes.get('does-not-exist')).toMatchObject({ state: 'skipped', code: 'NOT_FOUND' });
    const counts = expectAgreement(outcomes, (id) => !!tags.get(id)?.includes('new'));
    expect(counts).toEqual({ succeeded: 350, failed: 0, skipped: 1, not_run: 0 });
    for (const id of tagged.slice(0, 50)) expect(tags.get(id)).not.toContain('new');
    expect(events.some((e) => e.type === 'chunk' && e.state === 'submitted')).toBe(true);
    // One progress event up front, then one per settled chunk.
    expect(events.filter((e) => e.type === 'progress').length).toBe(run.record.chunks.length + 1);
    expect(deps.api.stats.throttled).toBe(0);

    const [undo, ...more] = await undoRun(deps, run.id);
    expect(more).toHaveLength(0);
    expect(undo!.ids).toHaveLength(340); // the 10 that already had the tag keep it
    await undo!.start();
    const after = new Map((await a.state()).uploads.map((u) => [u.id, u.tags]));
    for (const id of already) expect(after.get(id)).toContain('new');
    for (const id of loose.slice(10)) expect(after.get(id)).not.toContain('new');
    for (const id of tagged) expect(after.get(id)).toEqual(['old']);
  });

  it('publish: failing records are reconciled with their code and reason; retry-failed converges once fixed', async () => {
    const ids = await a.items(500, { item_type: 'article', status: 'draft' });
    await a.faults({
      failingItemIds: {
        [ids[3]!]: { code: 'ITEM_LOCKED' },
        [ids[250]!]: { code: 'INVALID_DRAFT' },
      },
    });
    const deps = engineDeps(sim);
    const preview = await previewRun({
      op: await loadOperation('items.publish', { clock: systemClock }),
      client: deps.api.client,
      input: {},
      ids,
    });
    expect(preview.counts.change).toBe(500);
    const run = await prepareRun(deps, {
      operationId: 'items.publish',
      input: {},
      selection: { resource: 'items', ids },
    });
    await run.start();
    const status = () => a.state().then((s) => new Map(s.items.map((i) => [i.id, i.status])));
    let st = await status();
    const outcomes = outcomesOf(run);
    expect(outcomes.get(ids[3]!)).toMatchObject({ state: 'failed', code: 'ITEM_LOCKED' });
    expect(outcomes.get(ids[250]!)).toMatchObject({ state: 'failed', code: 'INVALID_DRAFT' });
    expect(expectAgreement(outcomes, (id) => st.get(id) === 'published')).toMatchObject({
      succeeded: 498,
      failed: 2,
    });
    await a.clearFaults();
    const retry = await retryFailed(deps, run.id);
    expect(retry.ids).toEqual([ids[3], ids[250]]);
    await retry.start();
    st = await status();
    expect(expectAgreement(outcomesOf(retry), (id) => st.get(id) === 'published').succeeded).toBe(
      2,
    );
  });

  it('remove tags (no bulk endpoint): per-upload PUTs only where needed, within the rate budget', async () => {
    const ids = await a.uploads(120, { tags: ['x', 'keep'] });
    const plain = await a.uploads(30, { tags: ['keep'] });
    const deps = engineDeps(sim);
    const run = await prepareRun(deps, {
      operationId: 'uploads.removeTags',
      input: { tags: ['x'] },
      selection: { resource: 'uploads', ids: [...ids, ...plain] },
    });
    await run.start();
    const tags = new Map((await a.state()).uploads.map((u) => [u.id, u.tags]));
    const counts = expectAgreement(outcomesOf(run), (id) => !tags.get(id)?.includes('x'));
    expect(counts.succeeded).toBe(150);
    for (const id of [...ids, ...plain]) expect(tags.get(id)).toEqual(['keep']);
    expect(deps.api.stats.throttled).toBe(0);
  });

  it('move to collection and back (undo restores each asset’s previous collection); unknown collection is a typed error', async () => {
    await a.call('POST', '/__sim/upload-collections', { id: 'c-a', label: 'A' });
    await a.call('POST', '/__sim/upload-collections', { id: 'c-b', label: 'B' });
    const inA = await a.uploads(40, { upload_collection: 'c-a' });
    const root = await a.uploads(40);
    const deps = engineDeps(sim);
    const validation = await loadValidationContext(deps.api.client, 'uploads.moveToCollection');
    await expect(
      prepareRun(deps, {
        operationId: 'uploads.moveToCollection',
        input: { collectionId: 'nope' },
        selection: { resource: 'uploads', ids: inA },
        validation,
      }),
    ).rejects.toMatchObject({ code: 'UNKNOWN_COLLECTION' });
    const run = await prepareRun(deps, {
      operationId: 'uploads.moveToCollection',
      input: { collectionId: 'c-b' },
      selection: { resource: 'uploads', ids: [...inA, ...root] },
      validation,
    });
    await run.start();
    let col = new Map((await a.state()).uploads.map((u) => [u.id, u.upload_collection]));
    expect(expectAgreement(outcomesOf(run), (id) => col.get(id) === 'c-b').succeeded).toBe(80);
    for (const undo of await undoRun(deps, run.id)) await undo.start();
    col = new Map((await a.state()).uploads.map((u) => [u.id, u.upload_collection]));
    for (const id of inA) expect(col.get(id)).toBe('c-a');
    for (const id of root) expect(col.get(id)).toBeNull();
  });

  it('reorder collections: one job with only the changed collections; undo restores positions', async () => {
    for (const [id, position] of [
      ['c1', 1],
      ['c2', 2],
      ['c3', 3],
    ] as const)
      await a.call('POST', '/__sim/upload-collections', { id, label: id, position });
    const deps = engineDeps(sim);
    const validation = await loadValidationContext(deps.api.client, 'uploadCollections.reorder');
    const run = await prepareRun(deps, {
      operationId: 'uploadCollections.reorder',
      input: {
        placements: [
          { id: 'c1', position: 3, parent: null },
          { id: 'c2', position: 2, parent: null },
          { id: 'c3', position: 1, parent: null },
        ],
      },
      selection: { resource: 'uploads', ids: ['c1', 'c2', 'c3'] },
      validation,
    });
    await run.start();
    const log = await a.call<{
      data: { method: string; path: string; body: { data: { id: string }[] } }[];
    }>('GET', '/__sim/log');
    const reorders = log.data.filter((e) => e.path === '/upload-collections/reorder');
    expect(reorders).toHaveLength(1);
    expect(reorders[0]!.body.data.map((d) => d.id).sort()).toEqual(['c1', 'c3']);
    const pos = async () =>
      new Map(((await a.state()).upload_collections ?? []).map((c) => [c.id, c.position]));
    expect(Object.fromEntries(await pos())).toMatchObject({ c1: 3, c2: 2, c3: 1 });
    expect(run.counts()).toMatchObject({ succeeded: 3 });
    for (const undo of await undoRun(deps, run.id)) await undo.start();
    expect(Object.fromEntries(await pos())).toMatchObject({ c1: 1, c2: 2, c3: 3 });
  });
});
