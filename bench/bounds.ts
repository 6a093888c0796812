/**
 * Lower bounds of the bench's job workloads (bulk jobs of ≤200 ids on the simulator's timing
 * model and rate limit), counting both resources a run needs:
 * - job slots: the jobs cannot finish before ceil(jobs ÷ slots) rounds of one job's time (jobs
 *   of 200 ids are indivisible; the chunk size is the bulk endpoints' maximum);
 * - requests: every job needs its submit and at least one poll, plus the reads of its ids
 *   (Undo snapshots, one per `filter[ids]` lookup of up to 500 short ids), at 60 per 3 s.
 * `fractional` is the jobs' total work spread evenly over the slots (jobs ÷ slots × job time):
 * no schedule of whole 200-id jobs reaches it when the last round is not full.
 */
import { DEFAULT_TIMING } from '../sandbox/sim/timing';

export type WorkloadBounds = {
  readonly bound: number;
  readonly rounds: number;
  readonly requests: number;
  readonly fractional: number;
  readonly minRequests: number;
};

export function workloadBounds(
  ids: number,
  slots: number,
  options: { readsPerId?: number; limit?: number; windowMs?: number } = {},
): WorkloadBounds {
  const jobs = Math.ceil(ids / 200);
  const jobMs = DEFAULT_TIMING.jobOverheadMs + DEFAULT_TIMING.perItemMs * 200;
  const reads = Math.ceil(ids * (options.readsPerId ?? 1 / 500));
  const minRequests = 2 * jobs + reads;
  const rate = (options.limit ?? 60) / (options.windowMs ?? 3000);
  const rounds = Math.ceil(jobs / slots) * jobMs;
  const requests = minRequests / rate;
  return {
    bound: Math.max(rounds, requests),
    rounds,
    requests,
    fractional: Math.max((jobs / slots) * jobMs, requests),
    minRequests,
  };
}
