import type { JobOutcome } from '../cma/jobs';

/** An item's state as re-read from the CMA. */
export type VerifyResult = {
  /** done: in the desired state; not_done: not (yet); missing: the id does not exist. */
  readonly state: 'done' | 'not_done' | 'missing';
  /** Whatever the operation needs to apply itself to this item (e.g. its current tags). */
  readonly current?: unknown;
};

/** Why the operation's guard leaves an id out of its chunk; the id then ends skipped with it. */
export type LeaveOut = { readonly code: string; readonly reason: string };

/**
 * An operation bound to a client and a validated input: the calls the scheduler makes.
 * Every method performs ONE attempt; the scheduler owns retries (cma/retry.ts).
 */
export type BoundOperation = {
  /** bulk: one job per chunk; perItem: one call per id (no bulk endpoint exists). */
  readonly mode: 'bulk' | 'perItem';
  /** Submits a chunk; resolves with the job id, or null when the server answered synchronously. */
  submit(ids: readonly string[]): Promise<string | null>;
  poll(jobId: string): Promise<JobOutcome | 'pending'>;
  /** Re-reads the ids (a few list calls); every id is in the result. */
  verify(ids: readonly string[]): Promise<Map<string, VerifyResult>>;
  /**
   * The per-item call: applies the change to one id. For bulk operations this is how
   * reconciliation captures an item's error code; for perItem operations it is the run itself.
   * Rejects with the CMA error.
   */
  applyOne(id: string, current: unknown): Promise<void>;
  /**
   * perItem only, optional: sends the per-item change without waiting for the job it may start
   * (PUT /uploads/:id answers 202 + job). The scheduler re-reads the chunk afterwards instead,
   * which costs one request per 200 ids rather than one poll per id.
   */
  sendOne?(id: string, current: unknown): Promise<void>;
  /**
   * Optional: the operation's check of a chunk right before it is submitted (bulk) or its items
   * are sent (per item), e.g. "assets records started using since the preview". The ids it
   * returns are left out of the chunk and end skipped with that code and reason; ids it cannot
   * check are not sent (they fail with the check's error). Runs again before every re-submit.
   */
  guard?(ids: readonly string[]): Promise<ReadonlyMap<string, LeaveOut>>;
  /** True when a missing id counts as success (deleting something already gone). */
  readonly missingMeansDone: boolean;
};
