/** The four final states of an id. Every id of a run ends in exactly one of them. */
export type ItemOutcome =
  | { readonly state: 'succeeded' }
  | { readonly state: 'failed'; readonly code: string; readonly reason: string }
  | { readonly state: 'skipped'; readonly reason: string; readonly code?: string }
  | { readonly state: 'not_run'; readonly reason: string };

export type OutcomeState = ItemOutcome['state'];

/** Shared instance: a 100,000-id run keeps one object for all its successes. */
export const SUCCEEDED: ItemOutcome = Object.freeze({ state: 'succeeded' });

export const NOT_FOUND_SKIP: ItemOutcome = Object.freeze({
  state: 'skipped',
  code: 'NOT_FOUND',
  reason: 'It no longer exists.',
});

export function failed(code: string, reason: string): ItemOutcome {
  return { state: 'failed', code, reason };
}

export function notRun(reason: string): ItemOutcome {
  return { state: 'not_run', reason };
}

export type OutcomeCounts = {
  succeeded: number;
  failed: number;
  skipped: number;
  not_run: number;
};

export function emptyCounts(): OutcomeCounts {
  return { succeeded: 0, failed: 0, skipped: 0, not_run: 0 };
}

/** Failure code used when a submitted job's result could not be read (e.g. token revoked). */
export const OUTCOME_UNKNOWN = 'OUTCOME_UNKNOWN';
