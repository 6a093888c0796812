/** The four final states of an id. Every id of a run ends in exactly one of them. */
export type ItemOutcome =
  | { readonly state: 'succeeded' }
  | { readonly state: 'failed'; readonly code: string; readonly reason: string }
  | { readonly state: 'skipped'; readonly reason: string; readonly code?: string }
  | { readonly state: 'not_run'; readonly reason: string };

export type OutcomeState = ItemOutcome['state'];

/**
 * Codes the plugin gives outcomes itself, kept apart from the CMA's own `api_error` codes
 * (`CmaErrorCode`, cma/apiErrorCodes.ts). A failed or skipped id carries one or the other.
 * - NOT_FOUND: the id was not among the entities a list read returned (the same word as the
 *   API's 404 code, on purpose: the reason is the same);
 * - IN_USE: left out because records use the asset (the in-use guard, operations);
 * - OUTCOME_UNKNOWN: submitted, but the result could not be read (token lost); Resume re-checks;
 * - NETWORK_ERROR / TIMEOUT / HTTP_<status>: the request failed without an api_error body;
 * - JOB_LOST / POLL_FAILED: a job's result never came; its ids were checked one by one.
 */
export const PLUGIN_OUTCOME_CODES = [
  'NOT_FOUND',
  'IN_USE',
  'OUTCOME_UNKNOWN',
  'NETWORK_ERROR',
  'TIMEOUT',
  'JOB_LOST',
  'POLL_FAILED',
] as const;

export type PluginOutcomeCode = (typeof PLUGIN_OUTCOME_CODES)[number] | `HTTP_${number}`;

/** The code of a request that failed with this status and no api_error body. */
export function httpStatusCode(status: number): PluginOutcomeCode {
  return `HTTP_${status}`;
}

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
export const OUTCOME_UNKNOWN = 'OUTCOME_UNKNOWN' satisfies PluginOutcomeCode;
