import { ApiError, type Client } from '@datocms/cma-client-browser';
import { fetchByIds, type RawEntity } from '../../cma/fetchByIds';
import { jobIdOf, pollJobOnce } from '../../cma/jobs';
import type { BoundOperation, VerifyResult } from '../../engine/boundOperation';
import type { Clock } from '../../engine/clock';
import { DoNotRetry, withRetry, type RetryPolicy } from '../../cma/retry';

/**
 * When to poll a one-resource job, and what it took. The engine passes its learned planner
 * (engine/jobTiming's PollPlanner fits this shape): operations do not depend on the engine.
 */
export type SingleJobPacer = {
  firstDelay(items: number): number;
  nextDelay(items: number, pendingPolls: number, elapsedMs: number): number;
  recordDone(items: number, elapsedMs: number, lastPendingMs: number | undefined): void;
};

export type BindContext = {
  readonly clock: Clock;
  /** Learns how long one-resource jobs take (PUT /uploads/:id answers 202 + job). */
  readonly singleJobPlanner?: SingleJobPacer;
  /** How a failed poll of such a job is retried (the run's policy). */
  readonly retryPolicy?: RetryPolicy;
};

export const refs = (type: string, ids: readonly string[]) => ids.map((id) => ({ type, id }));

/**
 * Per-item calls may also answer 202 + job (uploads.update, items.destroy): follow the job to
 * its end here, and turn a failed job into the same ApiError the client would have thrown.
 */
export async function settleMaybeJob(
  client: Client,
  ctx: BindContext,
  result: unknown,
  what: string,
): Promise<unknown> {
  const jobId = jobIdOf(result);
  if (!jobId) return result;
  const planner = ctx.singleJobPlanner ?? coldStartPacer;
  const started = ctx.clock.now();
  let delay = planner.firstDelay(1);
  let lastPending: number | undefined;
  for (let pending = 0; ;) {
    await ctx.clock.sleep(delay);
    // A 5xx on the poll says nothing about the job: poll the same job again. Never let the
    // caller's retry re-send the write, which would start a new job for the same change.
    const outcome = await withRetry(() => pollJobOnce(client, jobId), {
      clock: ctx.clock,
      ...(ctx.retryPolicy ? { policy: ctx.retryPolicy } : {}),
    }).catch((error: unknown) => {
      throw new DoNotRetry(error);
    });
    const elapsed = ctx.clock.now() - started;
    if (outcome === 'pending') {
      pending++;
      lastPending = elapsed;
      delay = planner.nextDelay(1, pending, elapsed);
      continue;
    }
    planner.recordDone(1, elapsed, lastPending);
    if (outcome.status >= 200 && outcome.status < 300) return outcome.payload;
    throw new ApiError({
      request: { url: what, method: 'JOB', headers: {}, body: undefined },
      response: { status: outcome.status, statusText: 'N/A', headers: {}, body: outcome.payload },
    });
  }
}

/**
 * Without the engine's planner (a context that only previews): PollPlanner's cold start, an
 * early probe then ×1.5 by elapsed time, capped at 5 s, learning nothing.
 */
const coldStartPacer: SingleJobPacer = {
  firstDelay: () => 50,
  nextDelay: (_items, _pending, elapsedMs) => Math.min(5000, Math.max(50, elapsedMs / 2)),
  recordDone: () => undefined,
};

/** One-attempt per-item request that follows a 202 job if the server answers with one. */
export async function requestOne(
  client: Client,
  ctx: BindContext,
  options: { method: 'PUT' | 'DELETE' | 'POST' | 'GET'; url: string; body?: unknown },
): Promise<unknown> {
  const result = await client.request<unknown>(options);
  return settleMaybeJob(client, ctx, result, `${options.method} ${options.url}`);
}

export type BulkSpec = {
  readonly resource: 'uploads' | 'items';
  /** POSTs the bulk call; the client resolves with our job-id marker after the 202. */
  submit(ids: readonly string[]): Promise<unknown>;
  /** Is this existing entity in the desired state? */
  isDone(entity: RawEntity): boolean;
  applyOne(id: string, current: RawEntity | undefined): Promise<void>;
  /** See BoundOperation.sendOne. */
  sendOne?(id: string, current: RawEntity | undefined): Promise<void>;
  readonly missingMeansDone?: boolean;
  readonly mode?: 'bulk' | 'perItem';
};

export async function verifyByIds(
  client: Client,
  resource: 'uploads' | 'items',
  ids: readonly string[],
  isDone: (entity: RawEntity) => boolean,
): Promise<Map<string, VerifyResult>> {
  const found = await fetchByIds(client, resource, ids);
  const result = new Map<string, VerifyResult>();
  for (const id of ids) {
    const entity = found.get(id);
    if (!entity) result.set(id, { state: 'missing' });
    else result.set(id, { state: isDone(entity) ? 'done' : 'not_done', current: entity });
  }
  return result;
}

export function bindList(client: Client, spec: BulkSpec): BoundOperation {
  return {
    mode: spec.mode ?? 'bulk',
    missingMeansDone: spec.missingMeansDone ?? false,
    submit: async (ids) => jobIdOf(await spec.submit(ids)) ?? null,
    poll: (jobId) => pollJobOnce(client, jobId),
    verify: (ids) => verifyByIds(client, spec.resource, ids, spec.isDone),
    applyOne: (id, current) => spec.applyOne(id, current as RawEntity | undefined),
    ...(spec.sendOne
      ? {
          sendOne: (id: string, current: unknown) =>
            spec.sendOne!(id, current as RawEntity | undefined),
        }
      : {}),
  };
}
