import type { Clock } from '../engine/clock';
import { classifyError, type ErrorClass } from './errorClass';

export type RetryPolicy = {
  /** Attempts in total for transient failures (5xx, network, timeout). */
  readonly maxTransientAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** 429s are retried (the budget does the waiting) until this much time has passed. */
  readonly maxThrottledMs: number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxTransientAttempts: 6,
  baseDelayMs: 300,
  maxDelayMs: 8000,
  maxThrottledMs: 180_000,
};

export type RetryContext = {
  readonly clock: Clock;
  readonly policy?: RetryPolicy;
  /** 0 ≤ x < 1; injected so tests are deterministic. */
  readonly random?: () => number;
  readonly onRetry?: (info: { attempt: number; errorClass: ErrorClass; delayMs: number }) => void;
  /** When true, stop retrying and rethrow the last error. */
  readonly shouldStop?: () => boolean;
};

/** Exponential backoff with half jitter: d/2 + random·d/2, d = base·2^(attempt-1), capped. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const d = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(d / 2 + random() * (d / 2));
}

/**
 * Thrown by a step whose failure must not be retried from the outside: the enclosing
 * `withRetry` rethrows its `cause` at once. A per-item job whose polls kept failing is one:
 * its write was accepted, so re-sending it would start a second job for the same change.
 */
export class DoNotRetry extends Error {
  constructor(override readonly cause: unknown) {
    super('not retried');
  }
}

/**
 * The single retry policy of the engine (the client's autoRetry is off). Only `throttled` and
 * `transient` errors are retried; the operations are idempotent, so re-sending is safe.
 */
export async function withRetry<T>(fn: () => Promise<T>, ctx: RetryContext): Promise<T> {
  const policy = ctx.policy ?? DEFAULT_RETRY_POLICY;
  const random = ctx.random ?? Math.random;
  const started = ctx.clock.now();
  let transientAttempts = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof DoNotRetry) throw error.cause;
      const errorClass = classifyError(error);
      if (ctx.shouldStop?.()) throw error;
      if (errorClass === 'throttled') {
        if (ctx.clock.now() - started > policy.maxThrottledMs) throw error;
        // The budget already holds every request until X-RateLimit-Reset; no extra sleep.
        ctx.onRetry?.({ attempt, errorClass, delayMs: 0 });
        continue;
      }
      if (errorClass !== 'transient') throw error;
      transientAttempts++;
      if (transientAttempts >= policy.maxTransientAttempts) throw error;
      const delayMs = backoffDelay(transientAttempts, policy, random);
      ctx.onRetry?.({ attempt, errorClass, delayMs });
      await ctx.clock.sleep(delayMs);
    }
  }
}
