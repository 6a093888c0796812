import type { RateBudget, RequestPriority } from './rateBudget';

/** What the engine counts about its own traffic (the bench and the report read these). */
export type TrafficStats = {
  requests: number;
  polls: number;
  submits: number;
  /** 429 responses received; with autoRetry off the engine absorbs them, the user never sees them. */
  throttled: number;
  networkErrors: number;
  serverErrors: number;
};

export function emptyTrafficStats(): TrafficStats {
  return { requests: 0, polls: 0, submits: 0, throttled: 0, networkErrors: 0, serverErrors: 0 };
}

function urlOf(input: RequestInfo | URL): string {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  return input.url;
}

/** Job polls unblock job slots, so they go ahead of everything else. */
export function priorityOf(url: string): RequestPriority {
  return url.includes('/job-results/') ? 'high' : 'normal';
}

/**
 * Wraps the `fetchFn` given to buildClient: the only place where we see response headers on
 * success, so this is where the rate budget is charged and fed.
 */
export function createBudgetedFetch(
  baseFetch: typeof fetch,
  budget: RateBudget,
  stats: TrafficStats,
): typeof fetch {
  return async (input, init) => {
    const url = urlOf(input);
    const ticket = await budget.acquire(priorityOf(url));
    stats.requests++;
    if (url.includes('/job-results/')) stats.polls++;
    else if ((init?.method ?? 'GET') !== 'GET') stats.submits++;
    let response: Response;
    try {
      response = await baseFetch(input, init);
    } catch (error) {
      stats.networkErrors++;
      budget.settle(ticket, 0);
      throw error;
    }
    if (response.status === 429) stats.throttled++;
    if (response.status >= 500) stats.serverErrors++;
    budget.settle(ticket, response.status, response.headers);
    return response;
  };
}
