/**
 * Shared set-up of the engine integration tests: the real @datocms/cma-client-browser (through
 * createEngineClient) against the CMA simulator in-process, with tiny timings.
 */
import { startSimulator, type RunningSimulator } from '../../sandbox/sim/server';
import { ENGINE_TIMING } from '../support/sim-timing';
import { createEngineClient, type EngineClient } from '../../src/cma/engineClient';
import { systemClock } from '../../src/engine/clock';
import type { EngineDeps } from '../../src/engine/run';
import { eachOutcome } from '../../src/engine/runState';
import type { ItemOutcome } from '../../src/engine/outcomes';
import type { BulkRun } from '../../src/engine/run';
import { MemoryLedger, type Ledger } from '../../src/ledger/ledger';
import { loadOperation } from '../../src/operations/loadOperation';

export const ADMIN = 'sim-admin-token';

/** Small enough for a fast suite, large enough that jobs overlap and polls can be early. */
export const FAST_TIMING = ENGINE_TIMING;

/** Same policy shape as production, shorter waits (the suite must stay well under 2 minutes). */
export const FAST_RETRY = {
  maxTransientAttempts: 8,
  baseDelayMs: 20,
  maxDelayMs: 200,
  maxThrottledMs: 60_000,
};

export async function startSim(): Promise<RunningSimulator> {
  return startSimulator({
    port: 0,
    seed: 'empty',
    randomSeed: 7,
    timing: FAST_TIMING,
    // The simulator now hides X-RateLimit-* by default (no source says the CMA exposes them
    // cross-origin); these engine tests were written against exposed headers.
    rateLimit: { headers: 'exposed' },
    quiet: true,
  });
}

export function admin(sim: RunningSimulator) {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(sim.url + path, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    call,
    reset: () => call('POST', '/__sim/reset', { seed: 'empty', randomSeed: 7 }),
    rateLimit: (limit: number, windowMs = 3000) =>
      call('PUT', '/__sim/rate-limit', { limit, windowMs }),
    faults: (f: Record<string, unknown>) => call('PUT', '/__sim/faults', f),
    clearFaults: () => call('DELETE', '/__sim/faults'),
    uploads: async (count: number, extra: Record<string, unknown> = {}) =>
      (await call<{ ids: string[] }>('POST', '/__sim/uploads', { count, ...extra })).ids,
    items: async (count: number, extra: Record<string, unknown>) =>
      (await call<{ ids: string[] }>('POST', '/__sim/items', { count, ...extra })).ids,
    state: () =>
      call<{
        uploads: { id: string; tags: string[]; upload_collection: string | null }[];
        items: { id: string; status: string | null; stage: string | null }[];
        upload_collections?: { id: string; position: number; parent: string | null }[];
      }>('GET', '/__sim/state?include=uploads,items,upload_collections'),
  };
}

export function engineDeps(
  sim: RunningSimulator,
  options: { token?: string; ledger?: Ledger; fetchFn?: typeof fetch } = {},
): EngineDeps & { api: EngineClient } {
  const api = createEngineClient(
    { apiToken: options.token ?? ADMIN, environment: 'main', baseUrl: sim.url },
    {
      clock: systemClock,
      ...(options.fetchFn ? { fetchFn: options.fetchFn } : {}),
      requestTimeoutMs: 5000,
    },
  );
  return {
    api,
    loadOperation,
    clock: systemClock,
    ledger: options.ledger ?? new MemoryLedger(),
    retryPolicy: FAST_RETRY,
  };
}

export function outcomesOf(run: BulkRun): Map<string, ItemOutcome> {
  const map = new Map<string, ItemOutcome>();
  for (const [id, o] of eachOutcome(run.record, run.ids)) {
    if (!o) throw new Error(`id ${id} has no final state`);
    if (map.has(id)) throw new Error(`id ${id} has two states`);
    map.set(id, o);
  }
  return map;
}

/**
 * The run's report and the simulator agree id by id: an id is reported succeeded exactly when
 * the simulator shows it in the desired state.
 */
export function expectAgreement(
  outcomes: Map<string, ItemOutcome>,
  inDesiredState: (id: string) => boolean,
): { succeeded: number; failed: number; skipped: number; not_run: number } {
  const counts = { succeeded: 0, failed: 0, skipped: 0, not_run: 0 };
  const disagreements: string[] = [];
  for (const [id, o] of outcomes) {
    counts[o.state]++;
    if ((o.state === 'succeeded') !== inDesiredState(id)) disagreements.push(`${id}: ${o.state}`);
  }
  if (disagreements.length > 0)
    throw new Error(
      `report and simulator disagree on ${disagreements.length} ids: ${disagreements.slice(0, 5).join(', ')}`,
    );
  return counts;
}
