/**
 * The operation guard against the simulator over HTTP (real client): asset deletion re-checks
 * `in_use` for every chunk right before it is sent. Assets become used at chosen moments by
 * intercepting the engine's own requests (no timing races): before the run, and right after the
 * first chunk was sent.
 */
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
  await a.rateLimit(600);
});

type Logged = { method: string; path: string; query: Record<string, unknown>; body: unknown };

async function log(): Promise<Logged[]> {
  return (await a.call<{ data: Logged[] }>('GET', '/__sim/log')).data;
}

/** Ids named in the bulk destroy requests the simulator received. */
function destroyedInBulk(entries: Logged[]): Set<string> {
  const ids = new Set<string>();
  for (const e of entries)
    if (e.method === 'POST' && e.path === '/uploads/bulk/destroy') {
      const body = e.body as { data: { relationships: { uploads: { data: { id: string }[] } } } };
      for (const ref of body.data.relationships.uploads.data) ids.add(ref.id);
    }
  return ids;
}

const inUseChecks = (entries: Logged[]) =>
  entries.filter(
    (e) =>
      e.method === 'GET' &&
      e.path === '/uploads' &&
      JSON.stringify(e.query).includes('"in_use":{"eq":"true"}'),
  );

/** A record that uses `uploadId` as its cover (the simulator's admin endpoints). */
async function makeUsed(uploadId: string) {
  const [itemId] = await a.items(1, { item_type: 'article', status: 'draft' });
  await a.call('PATCH', `/__sim/items/${itemId}`, {
    attributes: {
      cover: { upload_id: uploadId, alt: null, title: null, custom_data: {}, focal_point: null },
    },
  });
}

describe('asset deletion: the in-use guard, right before each chunk is sent', () => {
  it('assets that became used after the preview, or while the run went on, are left out (IN_USE) and survive', async () => {
    const ids = await a.uploads(450);
    const early = ids[10]!; // used between the preview and the run
    const late = ids[420]!; // used after chunk 1 was sent, before chunk 3 is checked
    let madeLateUsed = false;
    const deps = engineDeps(sim, {
      fetchFn: async (input, init) => {
        const response = await fetch(input, init);
        const url = String(input instanceof Request ? input.url : input);
        if (!madeLateUsed && init?.method === 'POST' && url.endsWith('/uploads/bulk/destroy')) {
          madeLateUsed = true;
          await makeUsed(late);
        }
        return response;
      },
    });
    const run = await prepareRun(deps, {
      operationId: 'uploads.destroy',
      input: {},
      selection: { resource: 'uploads', ids },
      // One job at a time: chunk 3 is checked only after chunk 1's submit came back.
      jobsInFlight: 1,
    });
    await a.call('DELETE', '/__sim/log');
    await makeUsed(early);
    await run.start();

    const outcomes = outcomesOf(run);
    for (const id of [early, late]) {
      expect(outcomes.get(id)).toMatchObject({ state: 'skipped', code: 'IN_USE' });
      expect((outcomes.get(id) as { reason: string }).reason).toMatch(/Records use it/);
    }
    const left = new Set((await a.state()).uploads.map((u) => u.id));
    expect(left.has(early)).toBe(true);
    expect(left.has(late)).toBe(true);
    for (const id of ids) if (id !== early && id !== late) expect(left.has(id)).toBe(false);
    expect(run.counts()).toMatchObject({ succeeded: 448, skipped: 2, failed: 0 });

    const entries = await log();
    const sent = destroyedInBulk(entries);
    expect(sent.has(early)).toBe(false);
    expect(sent.has(late)).toBe(false);
    expect(sent.size).toBe(448);
    // The guard's cost: one list request per chunk of ≤200 (3 chunks).
    expect(inUseChecks(entries)).toHaveLength(3);
  });

  it('a run whose input allows deleting assets in use sends them without checking', async () => {
    const ids = await a.uploads(50);
    const deps = engineDeps(sim);
    const run = await prepareRun(deps, {
      operationId: 'uploads.destroy',
      input: { allowInUse: true },
      selection: { resource: 'uploads', ids },
    });
    await a.call('DELETE', '/__sim/log');
    await makeUsed(ids[0]!);
    await run.start();
    const entries = await log();
    expect(inUseChecks(entries)).toHaveLength(0);
    expect(destroyedInBulk(entries).has(ids[0]!)).toBe(true);
  });
});
