/**
 * A small client for the simulator's /__sim test hooks, shared by the integration tests and the
 * e2e fixtures: reset, timing, faults, job hold/release, state and the request log.
 */
export type HoldState = { hold: boolean; held: number };

export type SimAdmin = ReturnType<typeof simAdmin>;

export function simAdmin(baseUrl: string) {
  const call = async <T = unknown>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
    if (!response.ok) {
      throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    }
    return (await response.json()) as T;
  };
  return {
    call,
    reset: (body: { seed?: 'demo' | 'empty'; randomSeed?: number } = {}) =>
      call<{ seed: string; randomSeed: number }>('POST', '/__sim/reset', body),
    timing: () => call<Record<string, number>>('GET', '/__sim/timing'),
    setTiming: (timing: Record<string, number>) =>
      call<Record<string, number>>('PUT', '/__sim/timing', timing),
    faults: () => call<Record<string, unknown>>('GET', '/__sim/faults'),
    /** Merged into the current faults (the simulator's mergeFaults). */
    setFaults: (faults: Record<string, unknown>) =>
      call<Record<string, unknown>>('PUT', '/__sim/faults', faults),
    clearFaults: () => call<Record<string, unknown>>('DELETE', '/__sim/faults'),
    /** Jobs submitted from now on stay queued (polls answer "still running") until released. */
    hold: () => call<HoldState>('PUT', '/__sim/jobs/hold', { hold: true }),
    holdState: () => call<HoldState>('GET', '/__sim/jobs/hold'),
    /** `count` held jobs run (the hold stays); without it every held job runs and the hold lifts. */
    release: (count?: number) =>
      call<HoldState & { released: number }>(
        'POST',
        '/__sim/jobs/release',
        count === undefined ? {} : { count },
      ),
    /** Resolves once at least `count` jobs are held (the product submitted them). */
    async waitForHeld(count = 1, timeoutMs = 15_000): Promise<HoldState> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const current = await call<HoldState>('GET', '/__sim/jobs/hold');
        if (current.held >= count) return current;
        if (Date.now() > deadline) {
          throw new Error(`waited ${timeoutMs} ms for ${count} held job(s), saw ${current.held}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    state: <T = unknown>(include?: string) =>
      call<T>('GET', `/__sim/state${include ? `?include=${include}` : ''}`),
    jobs: () =>
      call<{ data: { id: string; kind: string; state: string; status: number | null }[] }>(
        'GET',
        '/__sim/jobs',
      ),
    log: <T = unknown>(since = 0) =>
      call<{ data: T[]; last_seq: number }>('GET', `/__sim/log?since=${since}`),
    clearLog: () => call<{ last_seq: number }>('DELETE', '/__sim/log'),
  };
}
