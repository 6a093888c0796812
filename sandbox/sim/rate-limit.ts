/**
 * Per-token fixed-window rate limit, like the CMA's "60 requests per 3 seconds": the window opens
 * with a token's first request; rejected requests do not count.
 */
export type RateLimitConfig = {
  limit: number;
  windowMs: number;
  /**
   * `exposed`: every CMA response carries X-RateLimit-*, readable cross-origin. `hidden`: none do,
   * 429s included — what a browser caller sees when the headers are not in
   * Access-Control-Expose-Headers. No source says site-api.datocms.com exposes them, so hidden is
   * the default (unverified).
   */
  headers: RateLimitHeaders;
};

export type RateLimitHeaders = 'exposed' | 'hidden';

export const DEFAULT_RATE_LIMIT: RateLimitConfig = {
  limit: 60,
  windowMs: 3_000,
  headers: 'hidden',
};

export type RateDecision = {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Whole seconds until a request will be accepted again; set only when rejected. */
  resetSeconds?: number;
};

export class RateLimiter {
  private windows = new Map<string, { startedAt: number; count: number }>();

  constructor(public config: RateLimitConfig = DEFAULT_RATE_LIMIT) {}

  take(key: string, now = Date.now()): RateDecision {
    const { limit, windowMs } = this.config;
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= windowMs) {
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    if (window.count >= limit) {
      const resetMs = window.startedAt + windowMs - now;
      return { allowed: false, limit, remaining: 0, resetSeconds: secondsAtLeastOne(resetMs) };
    }
    window.count++;
    return { allowed: true, limit, remaining: limit - window.count };
  }

  /** Where a token stands without spending a request (used for forced 429s). */
  peek(key: string, now = Date.now()): { remaining: number; resetSeconds: number } {
    const { limit, windowMs } = this.config;
    const window = this.windows.get(key);
    if (!window || now - window.startedAt >= windowMs) return { remaining: limit, resetSeconds: 1 };
    return {
      remaining: Math.max(0, limit - window.count),
      resetSeconds: secondsAtLeastOne(window.startedAt + windowMs - now),
    };
  }

  reset(): void {
    this.windows.clear();
  }
}

function secondsAtLeastOne(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

export function parseRateLimit(value: unknown, base: RateLimitConfig): RateLimitConfig {
  if (typeof value !== 'object' || value === null) throw new Error('rate limit must be an object');
  const next = { ...base };
  for (const [key, raw] of Object.entries(value)) {
    if (key === 'headers') {
      if (raw !== 'exposed' && raw !== 'hidden') {
        throw new Error('headers must be "exposed" or "hidden"');
      }
      next.headers = raw;
      continue;
    }
    if (key !== 'limit' && key !== 'windowMs') throw new Error(`unknown rate limit key "${key}"`);
    if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1) {
      throw new Error(`${key} must be a positive integer`);
    }
    next[key] = raw;
  }
  return next;
}
