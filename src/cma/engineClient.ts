import { buildClient, type Client } from '@datocms/cma-client-browser';
import type { Clock } from '../engine/clock';
import type { CmaAccess } from './access';
import { createBudgetedFetch, emptyTrafficStats, type TrafficStats } from './budgetedFetch';
import { installJobIdCapture } from './jobs';
import { RateBudget } from './rateBudget';

export type EngineClient = {
  readonly client: Client;
  readonly budget: RateBudget;
  readonly stats: TrafficStats;
};

export type EngineClientOptions = {
  readonly clock: Clock;
  readonly fetchFn?: typeof fetch;
  readonly budget?: RateBudget;
  /** Generous: time spent waiting for the rate budget counts against the client's timeout. */
  readonly requestTimeoutMs?: number;
};

/**
 * The client the engine runs with:
 * - autoRetry off: the client would retry 429 and transient errors without limit and re-POST on
 *   timeout behind our back; the engine's retry policy (cma/retry.ts) decides instead, in one place;
 * - fetchFn wrapped so the rate budget sees every request and every response's headers;
 * - jobResultsFetcher answering at once with the job id, so polling is ours (engine/poller).
 */
export function createEngineClient(access: CmaAccess, options: EngineClientOptions): EngineClient {
  const budget = options.budget ?? new RateBudget({ clock: options.clock });
  const stats = emptyTrafficStats();
  const baseFetch = options.fetchFn ?? ((input, init) => globalThis.fetch(input, init));
  const client = buildClient({
    apiToken: access.apiToken,
    environment: access.environment,
    baseUrl: access.baseUrl,
    autoRetry: false,
    requestTimeout: options.requestTimeoutMs ?? 60_000,
    fetchFn: createBudgetedFetch(baseFetch, budget, stats),
  });
  installJobIdCapture(client);
  return { client, budget, stats };
}
