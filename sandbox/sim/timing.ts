/** How long the simulated CMA takes. Defaults feel like the real service; tests shrink them. */
export type TimingModel = {
  /** Added before every CMA response. */
  latencyMs: number;
  /** Uniform extra 0..latencyJitterMs, drawn from the seeded PRNG. */
  latencyJitterMs: number;
  /** Jobs that run at once; later ones wait FIFO. */
  jobSlots: number;
  /** Fixed cost of a bulk job (and of the reorder job). */
  jobOverheadMs: number;
  /** Cost per id in a bulk job: time = jobOverheadMs + perItemMs × ids. */
  perItemMs: number;
  /** Time of the one-resource jobs the real API also runs async: PUT /uploads/:id, DELETE /items/:id. */
  singleJobMs: number;
};

export const DEFAULT_TIMING: TimingModel = {
  latencyMs: 20,
  latencyJitterMs: 10,
  jobSlots: 4,
  jobOverheadMs: 400,
  perItemMs: 4,
  singleJobMs: 120,
};

const LIMITS: Record<keyof TimingModel, [number, number]> = {
  latencyMs: [0, 60_000],
  latencyJitterMs: [0, 60_000],
  jobSlots: [1, 1_000],
  jobOverheadMs: [0, 600_000],
  perItemMs: [0, 60_000],
  singleJobMs: [0, 600_000],
};

/** Merges a partial update, rejecting anything that is not a finite number in range. */
export function mergeTiming(base: TimingModel, patch: unknown): TimingModel {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
    throw new Error('timing must be an object');
  }
  const next = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (!(key in LIMITS)) throw new Error(`unknown timing key "${key}"`);
    const [min, max] = LIMITS[key as keyof TimingModel];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      throw new Error(`timing.${key} must be a number between ${min} and ${max}`);
    }
    next[key as keyof TimingModel] = key === 'jobSlots' ? Math.floor(value) : value;
  }
  return next;
}

export function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
