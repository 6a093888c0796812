import { ApiError, type Client } from '@datocms/cma-client-browser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../sandbox/sim/server';
import {
  admin,
  apiError,
  cma,
  errorCode,
  fastClient,
  startFastSimulator,
  state,
} from './sim-helpers';

let running: RunningSimulator;
let client: Client;

beforeAll(async () => {
  running = await startFastSimulator({ seed: 'empty' });
  client = fastClient(running.url);
});
afterAll(() => running.close());

let uploadIds: string[] = [];
beforeEach(async () => {
  await admin(running.url, 'POST', '/__sim/reset', { seed: 'empty' });
  uploadIds = (await admin<{ ids: string[] }>(running.url, 'POST', '/__sim/uploads', { count: 4 }))
    .ids;
});

const uploads = () => uploadIds.map((id) => ({ type: 'upload' as const, id }));
const tagsOf = async (id: string) =>
  (await state(running.url, 'uploads')).uploads.find((u) => u.id === id)?.tags;
type Job = {
  id: string;
  kind: string;
  state: string;
  status: number | null;
  forced_failure: boolean;
};
const jobs = async () => (await admin<{ data: Job[] }>(running.url, 'GET', '/__sim/jobs')).data;
const waitForJobs = async () => {
  for (let i = 0; i < 200 && (await jobs()).some((job) => job.state !== 'done'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('simulator faults', () => {
  it('submitErrorRate: job-creating requests answer 5xx and no job is created', async () => {
    await admin(running.url, 'PUT', '/__sim/faults', {
      submitErrorRate: 1,
      serverError: { status: 503, code: 'SERVICE_UNAVAILABLE' },
    });
    const error = await apiError(client.uploads.bulkTag({ tags: ['x'], uploads: uploads() }));
    expect(error.response.status).toBe(503);
    expect(errorCode(error)).toBe('SERVICE_UNAVAILABLE');
    expect(await jobs()).toEqual([]);
    // Reads are not job submissions and keep working.
    expect((await client.uploads.list()).length).toBe(4);
  });

  it('pollErrorRate: job-result polls answer 5xx while the job still completes', async () => {
    await admin(running.url, 'PUT', '/__sim/faults', { pollErrorRate: 1 });
    const error = await apiError(client.uploads.bulkTag({ tags: ['polled'], uploads: uploads() }));
    expect(error.response.status).toBe(500);
    expect(errorCode(error)).toBe('EXCEPTION');
    await waitForJobs();
    expect(await tagsOf(uploadIds[0] ?? '')).toEqual(['polled']);
    await admin(running.url, 'DELETE', '/__sim/faults');
  });

  it('failingJobs: the next job ends with a non-2xx job_result and changes nothing', async () => {
    await admin(running.url, 'PUT', '/__sim/faults', {
      failingJobs: { next: 1, status: 500, code: 'EXCEPTION' },
    });
    const failed = await apiError(client.uploads.bulkTag({ tags: ['never'], uploads: uploads() }));
    expect(failed.response.status).toBe(500);
    expect(failed.response.statusText).toBe('N/A');
    expect(errorCode(failed)).toBe('EXCEPTION');
    expect(await tagsOf(uploadIds[0] ?? '')).toEqual([]);
    // Only the next one: the following job succeeds.
    await client.uploads.bulkTag({ tags: ['later'], uploads: uploads() });
    expect(await tagsOf(uploadIds[0] ?? '')).toEqual(['later']);
    await admin(running.url, 'PUT', '/__sim/faults', {
      failingJobs: {
        next: 0,
        kinds: ['uploads.bulk_destroy'],
        status: 422,
        code: 'DELETE_RESTRICTION',
      },
    });
    const byKind = await apiError(client.uploads.bulkDestroy({ uploads: uploads() }));
    expect(byKind.response.status).toBe(422);
    expect((await state(running.url, 'uploads')).counts.uploads).toBe(4);
    expect((await jobs()).map((job) => [job.kind, job.status, job.forced_failure])).toEqual([
      ['uploads.bulk_tag', 500, true],
      ['uploads.bulk_tag', 200, false],
      ['uploads.bulk_destroy', 422, true],
    ]);
  });

  it('dropConnectionRate "before": the socket closes unanswered and nothing happens', async () => {
    await admin(running.url, 'PUT', '/__sim/faults', { dropConnectionRate: 1 });
    const dropped = await cma(running.url, 'POST', '/uploads/bulk/tag', {
      body: JSON.stringify({
        data: {
          type: 'upload_bulk_tag_operation',
          attributes: { tags: ['x'] },
          relationships: { uploads: { data: uploads() } },
        },
      }),
    }).then(
      () => 'answered',
      (error: unknown) => (error instanceof TypeError ? 'network error' : String(error)),
    );
    expect(dropped).toBe('network error');
    expect(await jobs()).toEqual([]);
    const log = await admin<{ data: { status: number; fault: string }[] }>(
      running.url,
      'GET',
      '/__sim/log',
    );
    expect(log.data.map((entry) => [entry.status, entry.fault])).toEqual([[0, 'drop-before']]);
  });

  it('dropConnectionRate "after": the request is handled, then the answer is lost', async () => {
    await admin(running.url, 'PUT', '/__sim/faults', {
      dropConnectionRate: 1,
      dropConnectionPhase: 'after',
    });
    const outcome = await client.uploads
      .bulkTag({ tags: ['lost-answer'], uploads: uploads() })
      .then(
        () => 'answered',
        (error: unknown) => (error instanceof ApiError ? 'api error' : 'network error'),
      );
    expect(outcome).toBe('network error');
    await admin(running.url, 'DELETE', '/__sim/faults');
    await waitForJobs();
    expect(await tagsOf(uploadIds[0] ?? '')).toEqual(['lost-answer']);
  });

  it('rejects unknown fault keys and out-of-range rates', async () => {
    const unknown = await fetch(`${running.url}/__sim/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ explode: true }),
    });
    expect(unknown.status).toBe(400);
    const rate = await fetch(`${running.url}/__sim/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pollErrorRate: 2 }),
    });
    expect(rate.status).toBe(400);
    const faults = await admin<{ pollErrorRate: number }>(running.url, 'GET', '/__sim/faults');
    expect(faults.pollErrorRate).toBe(0);
  });
});

describe('simulator job hold', () => {
  it('keeps jobs queued while held and runs them when released', async () => {
    await admin(running.url, 'POST', '/__sim/jobs/hold');
    const submitted = await cma(running.url, 'POST', '/uploads/bulk/tag', {
      body: JSON.stringify({
        data: {
          type: 'upload_bulk_tag_operation',
          attributes: { tags: ['held'] },
          relationships: { uploads: { data: [{ type: 'upload', id: uploadIds[0] }] } },
        },
      }),
    });
    expect(submitted.status).toBe(202);
    const jobId = (submitted.json as { data: { id: string } }).data.id;
    expect((await cma(running.url, 'GET', `/job-results/${jobId}`)).status).toBe(404);
    const jobs = await admin<{ data: { id: string; state: string }[] }>(
      running.url,
      'GET',
      '/__sim/jobs',
    );
    expect(jobs.data.find((job) => job.id === jobId)?.state).toBe('queued');
    const tagsOf = async () =>
      (await state(running.url, 'uploads')).uploads.find((u) => u.id === uploadIds[0])?.tags;
    expect(await tagsOf()).not.toContain('held');
    await admin(running.url, 'POST', '/__sim/jobs/release');
    const result = await client.jobResultsFetcher?.(jobId);
    expect(result?.status).toBe(200);
    expect(await tagsOf()).toContain('held');
  });
});
