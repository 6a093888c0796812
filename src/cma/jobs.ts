import type { Client } from '@datocms/cma-client-browser';
import { ApiError } from '@datocms/cma-client-browser';

/**
 * Key under which our `jobResultsFetcher` hands the job id back through the client's promise.
 * The client awaits `jobResultsFetcher(jobId)` right after the 202; answering at once with this
 * marker turns every async endpoint into "POST, return the job id" and leaves polling to us.
 */
export const JOB_ID_KEY = '__bulkActionsJobId';

export type JobHandle = { readonly [JOB_ID_KEY]: string };

export function installJobIdCapture(client: Client): void {
  client.jobResultsFetcher = async (jobId) => ({
    id: jobId,
    type: 'job_result',
    status: 202,
    payload: { [JOB_ID_KEY]: jobId },
  });
}

/** The job id when the call was answered with 202 + job; undefined for a synchronous answer. */
export function jobIdOf(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  const id = (result as Record<string, unknown>)[JOB_ID_KEY];
  return typeof id === 'string' ? id : undefined;
}

export type JobOutcome = {
  /** The HTTP status the original request would have had. */
  readonly status: number;
  readonly payload: unknown;
};

/** One poll: the job's outcome, or 'pending' (the API answers 404 while a job runs). */
export async function pollJobOnce(client: Client, jobId: string): Promise<JobOutcome | 'pending'> {
  try {
    const result = await client.jobResults.rawFind(jobId);
    return { status: result.data.attributes.status, payload: result.data.attributes.payload };
  } catch (error) {
    if (error instanceof ApiError && error.response.status === 404) return 'pending';
    throw error;
  }
}

/** `{data: [], meta: {successful, failed}}` of a finished bulk job; undefined when absent. */
export function bulkCounts(payload: unknown): { successful: number; failed: number } | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const meta = (payload as { meta?: { successful?: unknown; failed?: unknown } }).meta;
  if (!meta || typeof meta.successful !== 'number' || typeof meta.failed !== 'number')
    return undefined;
  return { successful: meta.successful, failed: meta.failed };
}
