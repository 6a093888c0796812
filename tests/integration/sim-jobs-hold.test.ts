/** The job hold test hook (/__sim/jobs/hold, /release) through the real CMA client. */
import { ApiError, type Client } from '@datocms/cma-client-browser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../sandbox/sim/server';
import { simAdmin, type SimAdmin } from '../support/sim-admin';
import { fastClient, startFastSimulator, state } from './sim-helpers';

let running: RunningSimulator;
let client: Client;
let sim: SimAdmin;
let uploadIds: string[] = [];

beforeAll(async () => {
  running = await startFastSimulator({ seed: 'empty' });
  client = fastClient(running.url);
  sim = simAdmin(running.url);
});
afterAll(() => running.close());
beforeEach(async () => {
  await sim.reset({ seed: 'empty' });
  uploadIds = (await sim.call<{ ids: string[] }>('POST', '/__sim/uploads', { count: 3 })).ids;
});

/**
 * Starts a bulk tag through the client (which polls its job until done) and resolves, once the
 * simulator holds the job, to the job id and the still-pending call.
 */
async function startTag(uploadId: string, tag: string) {
  const before = (await sim.holdState()).held;
  const settled = { done: false };
  const call = client.uploads
    .bulkTag({ uploads: [{ type: 'upload', id: uploadId }], tags: [tag] })
    .finally(() => {
      settled.done = true;
    });
  await sim.waitForHeld(before + 1);
  const jobs = (await sim.jobs()).data;
  const jobId = (jobs[jobs.length - 1] as { id: string }).id;
  return { jobId, call, settled };
}

/** Waits until the client has polled `jobId` at least `count` times. */
async function polledTimes(jobId: string, count: number): Promise<void> {
  for (;;) {
    const log = await sim.log<{ path: string }>();
    if (log.data.filter((entry) => entry.path === `/job-results/${jobId}`).length >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

type Run = Awaited<ReturnType<typeof startTag>>;

async function pollStatus(jobId: string): Promise<number> {
  try {
    await client.jobResults.rawFind(jobId);
    return 200;
  } catch (error) {
    if (error instanceof ApiError) return error.response.status;
    throw error;
  }
}

const tagsOf = async (id: string) =>
  (await state(running.url, 'uploads')).uploads.find((u) => u.id === id)?.tags ?? [];

describe('simulator job hold', () => {
  it('keeps a held bulk job pending across polls, then completes it when released', async () => {
    expect(await sim.hold()).toEqual({ hold: true, held: 0 });
    const { jobId, call, settled } = await startTag(uploadIds[0] as string, 'held');
    await polledTimes(jobId, 5);
    expect(settled.done).toBe(false);
    expect(await pollStatus(jobId)).toBe(404);
    expect(await tagsOf(uploadIds[0] as string)).not.toContain('held');
    expect(await sim.holdState()).toEqual({ hold: true, held: 1 });
    expect(await sim.release()).toEqual({ released: 1, hold: false, held: 0 });
    await call;
    expect(await tagsOf(uploadIds[0] as string)).toContain('held');
  });

  it('releases exactly N held jobs and keeps holding the rest', async () => {
    await sim.hold();
    const runs = [];
    for (const [index, uploadId] of uploadIds.entries()) {
      runs.push(await startTag(uploadId, `t${index}`));
    }
    const [first, second, third] = runs as [Run, Run, Run];
    expect(await sim.holdState()).toEqual({ hold: true, held: 3 });
    expect(await sim.release(2)).toEqual({ released: 2, hold: true, held: 1 });
    await first.call;
    await second.call;
    // The third job is still held: its client keeps polling and gets "still running".
    const polls = (await sim.log<{ path: string }>()).data.filter(
      (entry) => entry.path === `/job-results/${third.jobId}`,
    ).length;
    await polledTimes(third.jobId, polls + 3);
    expect(third.settled.done).toBe(false);
    expect(await tagsOf(uploadIds[2] as string)).not.toContain('t2');
    // A job submitted now is held too: the hold outlives a counted release.
    const late = await startTag(uploadIds[0] as string, 'late');
    expect(await sim.holdState()).toEqual({ hold: true, held: 2 });
    expect(await sim.release()).toEqual({ released: 2, hold: false, held: 0 });
    await third.call;
    await late.call;
    expect(await tagsOf(uploadIds[2] as string)).toContain('t2');
    expect(await tagsOf(uploadIds[0] as string)).toContain('late');
  });

  it('runs jobs normally once the hold is lifted, and reset lifts it', async () => {
    await sim.hold();
    const held = await startTag(uploadIds[0] as string, 'a');
    expect(await sim.call('PUT', '/__sim/jobs/hold', { hold: false })).toEqual({
      hold: false,
      held: 0,
    });
    await held.call;
    expect(await tagsOf(uploadIds[0] as string)).toContain('a');
    await client.uploads.bulkTag({
      uploads: [{ type: 'upload', id: uploadIds[1] as string }],
      tags: ['b'],
    });
    expect(await tagsOf(uploadIds[1] as string)).toContain('b');
    await sim.hold();
    await sim.reset({ seed: 'empty' });
    expect(await sim.holdState()).toEqual({ hold: false, held: 0 });
  });

  it('rejects a hold that is not a boolean and a count out of range', async () => {
    await expect(sim.call('PUT', '/__sim/jobs/hold', { hold: 'yes' })).rejects.toThrow(/400/);
    await expect(sim.release(0)).rejects.toThrow(/400/);
  });
});
