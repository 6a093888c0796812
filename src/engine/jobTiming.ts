/**
 * Learns how long a bulk job takes as a function of its size, from the jobs this run has seen:
 * duration ≈ base + perItem·items, fitted by recency-weighted least squares with a weak prior
 * (the prior keeps the slope sane when every chunk has the same size).
 */
export type JobDurationModelOptions = {
  readonly priorBaseMs?: number;
  readonly priorPerItemMs?: number;
  /** Weight of the prior relative to one observed job. */
  readonly priorWeight?: number;
  /** Each new sample multiplies older samples' weight by this (tracks server load changes). */
  readonly decay?: number;
};

export class JobDurationModel {
  private sw = 0;
  private sx = 0;
  private sy = 0;
  private sxx = 0;
  private sxy = 0;
  private readonly decay: number;
  private readonly prior: { x: number; y: number; w: number }[];
  samples = 0;

  constructor(options: JobDurationModelOptions = {}) {
    const base = options.priorBaseMs ?? 500;
    const perItem = options.priorPerItemMs ?? 5;
    const w = options.priorWeight ?? 0.3;
    this.decay = options.decay ?? 0.6;
    this.prior = [
      { x: 0, y: base, w },
      { x: 200, y: base + 200 * perItem, w },
    ];
  }

  record(items: number, durationMs: number): void {
    this.sw *= this.decay;
    this.sx *= this.decay;
    this.sy *= this.decay;
    this.sxx *= this.decay;
    this.sxy *= this.decay;
    this.sw += 1;
    this.sx += items;
    this.sy += durationMs;
    this.sxx += items * items;
    this.sxy += items * durationMs;
    this.samples++;
  }

  /** Expected duration in ms of a job of `items` ids. */
  expected(items: number): number {
    let sw = this.sw,
      sx = this.sx,
      sy = this.sy,
      sxx = this.sxx,
      sxy = this.sxy;
    // The prior fades with evidence, so a few real jobs outweigh a wrong guess.
    const fade = Math.max(1e-4, this.decay ** this.samples);
    for (const p of this.prior) {
      const w = p.w * fade;
      sw += w;
      sx += w * p.x;
      sy += w * p.y;
      sxx += w * p.x * p.x;
      sxy += w * p.x * p.y;
    }
    const det = sw * sxx - sx * sx;
    const slope = det > 1e-9 ? (sw * sxy - sx * sy) / det : 0;
    const perItem = Math.max(0, slope);
    const base = (sy - perItem * sx) / sw;
    return Math.max(1, base + perItem * items);
  }
}

export type PollPlannerOptions = {
  /** Lower bound of any poll interval. */
  readonly minIntervalMs?: number;
  /** Upper bound of any poll interval. */
  readonly maxIntervalMs?: number;
  /** After a pending first poll, re-poll after this fraction of the expected duration. */
  readonly retryFraction?: number;
  /** The first poll goes out at expected × this (a little late beats an extra poll). */
  readonly firstPollFactor?: number;
  /**
   * A job found done at its first poll is recorded as taking doneAt × this: we only know an
   * upper bound, so we assume a bit less and keep probing. firstPollFactor × probeShrink must
   * stay below 1, or the estimate only ever grows.
   */
  readonly probeShrink?: number;
  /**
   * For a job expected to wait behind others on the server, the first poll goes out
   * at expected × this: a queued job's slot passes straight to the next queued job, so a late
   * answer costs nothing, and an early one costs a poll.
   */
  readonly queuedPollFactor?: number;
  /** probeShrink for such a job. */
  readonly queuedProbeShrink?: number;
  /** Before the first job has finished: first poll after this, then at doubling times. */
  readonly coldStartMs?: number;
  /** A job pending this many times its expected duration (and at least lostAfterMinMs) is lost. */
  readonly lostFactor?: number;
  readonly lostAfterMinMs?: number;
};

/**
 * When to poll a job. The first poll goes out just after the model expects the job to be done; a
 * job found done at the first poll is recorded as slightly faster than observed (we only know an
 * upper bound), so the model keeps probing downwards. Defaults chosen by simulating 50 jobs of
 * 200 ids on 4 slots (docs/engine.md): ≈1.4 polls per job and ≈1.15× the lower bound for
 * steady job times; ≈1.7 polls per job and ≈1.08× when job times vary ±10%.
 */
export class PollPlanner {
  readonly model: JobDurationModel;
  private readonly minIntervalMs: number;
  private readonly maxIntervalMs: number;
  private readonly retryFraction: number;
  private readonly lostFactor: number;
  private readonly lostAfterMinMs: number;
  private readonly firstPollFactor: number;
  private readonly probeShrink: number;
  private readonly queuedPollFactor: number;
  private readonly queuedProbeShrink: number;
  private readonly coldStartMs: number;

  constructor(model = new JobDurationModel(), options: PollPlannerOptions = {}) {
    this.model = model;
    this.minIntervalMs = options.minIntervalMs ?? 25;
    this.maxIntervalMs = options.maxIntervalMs ?? 5000;
    this.retryFraction = options.retryFraction ?? 0.1;
    this.firstPollFactor = options.firstPollFactor ?? 1.03;
    this.probeShrink = options.probeShrink ?? 0.92;
    this.queuedPollFactor = options.queuedPollFactor ?? 1.08;
    this.queuedProbeShrink = options.queuedProbeShrink ?? 0.9;
    this.coldStartMs = options.coldStartMs ?? 50;
    this.lostFactor = options.lostFactor ?? 20;
    this.lostAfterMinMs = options.lostAfterMinMs ?? 120_000;
  }

  private clamp(ms: number): number {
    return Math.min(this.maxIntervalMs * 4, Math.max(this.minIntervalMs, ms));
  }

  /** Delay from submission to the first poll of a job that starts at once. */
  firstDelay(items: number): number {
    // Nothing learned yet: probe early and double (below), rather than trust a guessed prior.
    if (this.model.samples === 0) return this.coldStartMs;
    return this.clamp(this.model.expected(items) * this.firstPollFactor);
  }

  /**
   * How long after its expected finish a job is first polled, given where it is expected to
   * start (JobConcurrency's queue replay): a little after, more so when it waits behind others.
   */
  slack(items: number, waits: boolean): number {
    const factor = waits ? this.queuedPollFactor : this.firstPollFactor;
    return this.model.expected(items) * (factor - 1);
  }

  /** Delay before the next poll after `pendingPolls` pending answers, `elapsedMs` after submit. */
  nextDelay(items: number, pendingPolls: number, elapsedMs = 0): number {
    // Cold start: grow by half the elapsed time (×1.5), which brackets the finish within ±20%.
    if (this.model.samples === 0)
      return Math.min(this.maxIntervalMs, Math.max(this.coldStartMs, elapsedMs / 2));
    const base = this.model.expected(items) * this.retryFraction;
    const grown = base * 1.5 ** Math.max(0, pendingPolls - 1);
    return Math.min(this.maxIntervalMs, Math.max(this.minIntervalMs, grown));
  }

  /** A job pending this long after its expected finish is taken to be lost. */
  lostAfter(items: number, expectedLatencyMs = this.model.expected(items)): number {
    return Math.max(this.lostAfterMinMs, expectedLatencyMs * this.lostFactor);
  }

  private pilotActive = false;

  private learnedWaiters: (() => void)[] = [];

  /**
   * Before anything is learned only one job (the pilot) is polled, at doubling intervals; the
   * others wait for its duration instead of each spending several polls finding it out.
   */
  tryClaimPilot(): boolean {
    if (this.model.samples > 0 || this.pilotActive) return false;
    this.pilotActive = true;
    return true;
  }

  /** The pilot ended without teaching anything (its job failed or got lost): let another try. */
  releasePilot(): void {
    this.pilotActive = false;
    this.wake();
  }

  /** Resolves when a job has finished (or the pilot was released). */
  waitForLearning(): Promise<void> {
    return new Promise((resolve) => this.learnedWaiters.push(resolve));
  }

  private wake(): void {
    const waiters = this.learnedWaiters;
    this.learnedWaiters = [];
    for (const w of waiters) w();
  }

  /**
   * Teaches the model. `doneAt` is when a poll found the job done, `lastPendingAt` when one last
   * found it pending (both ms since the job started: its submit, or when the queue replay says
   * a worker took it): the job ended somewhere in between. `waited`: it queued first.
   */
  recordDone(
    items: number,
    doneAt: number,
    lastPendingAt: number | undefined,
    waited = false,
  ): void {
    const cold = this.model.samples === 0;
    const estimate =
      lastPendingAt === undefined || lastPendingAt <= 0
        ? doneAt * (waited ? this.queuedProbeShrink : this.probeShrink)
        : cold
          ? // The pilot's bracket is wide (polls ×1.5 apart): take its top, so the next polls
            // come a little late (the probe shrink then walks down) rather than early, twice.
            doneAt
          : (lastPendingAt + doneAt) / 2;
    this.model.record(items, Math.max(1, estimate));
    this.pilotActive = false;
    this.wake();
  }
}
