import { startSimWorker } from './simHandle';
import { runEngine } from './strategies';

/**
 * Peak V8 heap of the engine during a run over `ids` assets. The simulator lives in a worker
 * thread (its own heap), so the numbers are the engine's. Timing and rate limit are relaxed:
 * this measures memory, not speed.
 */
export async function measurePeakHeap(ids: number) {
  const timing = {
    latencyMs: 1,
    latencyJitterMs: 1,
    jobSlots: 8,
    jobOverheadMs: 30,
    perItemMs: 0.1,
    singleJobMs: 5,
  };
  // Headers exposed: with them hidden the budget keeps the documented 60 per 3 s, and this run
  // measures memory, not the rate limit.
  const rateLimit = { limit: 3000, windowMs: 3000, headers: 'exposed' as const };
  const sim = await startSimWorker({ seed: 'empty', randomSeed: 1, timing, rateLimit });
  try {
    const all: string[] = [];
    for (let left = ids; left > 0; left -= 20_000)
      all.push(
        ...(
          await sim.admin<{ ids: string[] }>('POST', '/__sim/uploads', {
            count: Math.min(20_000, left),
          })
        ).ids,
      );
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    const timer = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }, 20);
    const m = await runEngine(
      sim.url,
      {
        key: 'a',
        title: 'heap',
        operationId: 'uploads.addTags',
        input: { tags: ['heap'] },
        ids: all,
      },
      { jobsInFlight: 8 },
    );
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    return {
      ids,
      timing,
      rateLimit,
      baselineMb: baseline / 2 ** 20,
      peakMb: peak / 2 ** 20,
      wallMs: m.wallMs,
      requests: m.requests,
      succeeded: m.succeeded,
    };
  } finally {
    await sim.close();
  }
}
