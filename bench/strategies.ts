/** The three ways of running a workload that the bench compares. */
import { ApiError, buildClient, type Client } from '@datocms/cma-client-browser';
import { createEngineClient } from '../src/cma/engineClient';
import { systemClock } from '../src/engine/clock';
import { prepareRun, type RunSettings } from '../src/engine/run';
import { MemoryLedger } from '../src/ledger/ledger';
import { loadOperation } from '../src/operations/loadOperation';

export type Workload = {
  readonly key: 'a' | 'b' | 'c';
  readonly title: string;
  readonly operationId: 'uploads.addTags' | 'items.publish' | 'uploads.removeTags';
  readonly input: unknown;
  readonly ids: readonly string[];
  /** Current tags per upload (the naive loop gets them from the selection, as plugins do). */
  readonly tagsOf?: ReadonlyMap<string, readonly string[]>;
};

export type Measurement = {
  wallMs: number;
  requests: number;
  polls: number;
  jobs: number;
  /** 429 responses the server sent (absorbed or not). */
  responses429: number;
  /** Failures caused by 429 that reached the user (an error or a failed item). */
  user429: number;
  succeeded: number;
  failed: number;
  /** Processed ids when the strategy was stopped at the time cap. */
  processed: number;
  extrapolated: boolean;
};

type Counter = { requests: number; polls: number; jobs: number; responses429: number };

function countingFetch(counter: Counter): typeof fetch {
  return async (input, init) => {
    counter.requests++;
    const url = String(input instanceof Request ? input.url : input);
    if (url.includes('/job-results/')) counter.polls++;
    const res = await fetch(input, init);
    if (res.status === 202) counter.jobs++;
    if (res.status === 429) counter.responses429++;
    return res;
  };
}

const token = 'sim-admin-token';

export async function runEngine(
  url: string,
  w: Workload,
  settings: RunSettings = {},
): Promise<Measurement> {
  const counter: Counter = { requests: 0, polls: 0, jobs: 0, responses429: 0 };
  const api = createEngineClient(
    { apiToken: token, environment: 'main', baseUrl: url },
    { clock: systemClock, fetchFn: countingFetch(counter) },
  );
  const t0 = performance.now();
  const run = await prepareRun(
    { api, loadOperation, clock: systemClock, ledger: new MemoryLedger() },
    {
      ...settings,
      operationId: w.operationId,
      input: w.input,
      selection: { resource: w.operationId.startsWith('items') ? 'items' : 'uploads', ids: w.ids },
    },
  );
  await run.start();
  const wallMs = performance.now() - t0;
  const c = run.counts();
  let user429 = 0;
  for (const [, o] of run.report().failures)
    if (o.state === 'failed' && o.code === 'RATE_LIMIT_EXCEEDED') user429++;
  return {
    wallMs,
    ...counter,
    user429,
    succeeded: c.succeeded,
    failed: c.failed + c.not_run + c.skipped,
    processed: w.ids.length,
    extrapolated: false,
  };
}

function defaultClient(url: string, counter: Counter): Client {
  return buildClient({
    apiToken: token,
    baseUrl: url,
    environment: 'main',
    fetchFn: countingFetch(counter),
  });
}

/** Bulk calls one after another, each waiting on the client's own job polling (1 s, 2 s, 3 s…). */
export async function runSequential(url: string, w: Workload): Promise<Measurement> {
  const counter: Counter = { requests: 0, polls: 0, jobs: 0, responses429: 0 };
  const client = defaultClient(url, counter);
  const t0 = performance.now();
  let succeeded = 0;
  let failed = 0;
  let user429 = 0;
  for (let i = 0; i < w.ids.length; i += 200) {
    const chunk = w.ids.slice(i, i + 200);
    try {
      const payload =
        w.operationId === 'items.publish'
          ? await client.items.rawBulkPublish({
              data: {
                type: 'item_bulk_publish_operation',
                relationships: {
                  items: { data: chunk.map((id) => ({ type: 'item' as const, id })) },
                },
              },
            })
          : await client.uploads.rawBulkTag({
              data: {
                type: 'upload_bulk_tag_operation',
                attributes: { tags: (w.input as { tags: string[] }).tags },
                relationships: {
                  uploads: { data: chunk.map((id) => ({ type: 'upload' as const, id })) },
                },
              },
            });
      const meta = (payload as { meta?: { successful: number; failed: number } }).meta;
      succeeded += meta?.successful ?? chunk.length;
      failed += meta?.failed ?? 0;
    } catch (error) {
      failed += chunk.length;
      if (error instanceof ApiError && error.response.status === 429) user429++;
    }
  }
  return {
    wallMs: performance.now() - t0,
    ...counter,
    user429,
    succeeded,
    failed,
    processed: w.ids.length,
    extrapolated: false,
  };
}

/**
 * What peer plugins do: one call per item, 6 at a time, the client's default autoRetry and job
 * polling. Stopped at `capMs`; the wall time is then extrapolated from the measured throughput.
 */
export async function runNaive(url: string, w: Workload, capMs: number): Promise<Measurement> {
  const counter: Counter = { requests: 0, polls: 0, jobs: 0, responses429: 0 };
  const client = defaultClient(url, counter);
  const t0 = performance.now();
  let next = 0;
  let succeeded = 0;
  let failed = 0;
  let user429 = 0;
  const tags = (w.input as { tags?: string[] }).tags ?? [];
  const lane = async () => {
    while (next < w.ids.length && performance.now() - t0 < capMs) {
      const id = w.ids[next++]!;
      try {
        if (w.operationId === 'items.publish') await client.items.publish(id);
        else {
          const current = w.tagsOf?.get(id) ?? [];
          const wanted =
            w.operationId === 'uploads.addTags'
              ? [...new Set([...current, ...tags])]
              : current.filter((t) => !tags.includes(t));
          await client.uploads.update(id, { tags: wanted });
        }
        succeeded++;
      } catch (error) {
        failed++;
        if (error instanceof ApiError && error.response.status === 429) user429++;
      }
    }
  };
  await Promise.all(Array.from({ length: 6 }, lane));
  const elapsed = performance.now() - t0;
  const processed = succeeded + failed;
  const extrapolated = processed < w.ids.length;
  return {
    wallMs: extrapolated ? (elapsed * w.ids.length) / Math.max(1, processed) : elapsed,
    ...counter,
    user429,
    succeeded,
    failed,
    processed,
    extrapolated,
  };
}
