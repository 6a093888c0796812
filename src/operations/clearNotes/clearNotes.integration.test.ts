/** Clear notes, then Undo, with the real client against the simulator over HTTP. */
import { buildClient } from '@datocms/cma-client-browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../sandbox/sim/server';
import { previewRun } from '../../engine/preview';
import { prepareRun, undoRun } from '../../engine/run';
import { loadOperation } from '../loadOperation';
import {
  ADMIN,
  admin,
  engineDeps,
  outcomesOf,
  startSim,
} from '../../../tests/integration/engine-harness';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());

describe('uploads.clearNotes', () => {
  it('clears the notes of the assets that have some, and Undo writes each one back', async () => {
    const a = admin(sim);
    await a.reset();
    await a.rateLimit(60);
    const deps = engineDeps(sim);
    // A plain client, as any CMA user would write and read notes (it waits for the PUT's job).
    const client = buildClient({ apiToken: ADMIN, environment: 'main', baseUrl: sim.url });
    const ids = await a.uploads(30);
    const withNotes = ids.slice(0, 20);
    await Promise.all(
      withNotes.map((id, i) => client.uploads.update(id, { notes: `note ${i} – “quoted”` })),
    );
    const notes = async () =>
      new Map(
        await Promise.all(
          ids.map(async (id) => [id, (await client.uploads.find(id)).notes] as const),
        ),
      );

    const preview = await previewRun({
      op: await loadOperation('uploads.clearNotes', deps),
      client: deps.api.client,
      input: {},
      ids,
    });
    expect(preview.counts).toEqual({ change: 20, noop: 10, blocked: 0 });
    for (const id of ids.slice(20))
      expect(preview.predictions.get(id)).toEqual({ outcome: 'noop', reason: 'Has no notes.' });

    const run = await prepareRun(deps, {
      operationId: 'uploads.clearNotes',
      input: {},
      selection: { resource: 'uploads', ids },
    });
    await run.start();
    const outcomes = outcomesOf(run);
    // Sent for every id (a no-op PUT for those without notes), so every id succeeds.
    for (const id of ids) expect(outcomes.get(id)?.state).toBe('succeeded');
    const cleared = await notes();
    for (const id of ids) expect(cleared.get(id) ?? null).toBeNull();

    const undos = await undoRun(deps, run.id);
    expect(undos).toHaveLength(1);
    expect([...undos[0]!.ids].sort()).toEqual([...withNotes].sort());
    await undos[0]!.start();
    const restored = await notes();
    for (const [i, id] of withNotes.entries())
      expect(restored.get(id)).toBe(`note ${i} – “quoted”`);
    for (const id of ids.slice(20)) expect(restored.get(id) ?? null).toBeNull();
  });
});
