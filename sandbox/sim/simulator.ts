/**
 * The simulator's mutable world: the project store, jobs, timing, faults, rate limiter, request
 * log and tokens. Routes read and change it; /__sim/reset rebuilds it from a seed.
 */
import { Environments, PRIMARY_ENVIRONMENT, SANDBOX_ENVIRONMENT } from './environments';
import { errorBody } from './errors';
import { defaultFaults, type Faults } from './faults';
import { JobRunner, type JobOutcome, type JobRecord } from './jobs';
import { RateLimiter, type RateLimitConfig, DEFAULT_RATE_LIMIT } from './rate-limit';
import { RequestLog } from './request-log';
import { demoTokens, type Role } from './roles';
import { buildStore, type SeedKind } from './seed';
import { createRandom, type Random } from './seed/random';
import { DEFAULT_TIMING, type TimingModel } from './timing';

export const DEFAULT_RANDOM_SEED = 20260101;

export type SimulatorConfig = {
  seed?: SeedKind;
  randomSeed?: number;
  timing?: Partial<TimingModel>;
  rateLimit?: Partial<RateLimitConfig>;
};

export class Simulator {
  /** One project store per environment: `main` (primary) and a `staging` fork of it. */
  environments!: Environments;
  random!: Random;
  seed: SeedKind = 'demo';
  randomSeed = DEFAULT_RANDOM_SEED;
  faults: Faults = defaultFaults();
  timing: TimingModel;
  readonly rateLimiter: RateLimiter;
  readonly log = new RequestLog();
  readonly jobs: JobRunner;
  readonly tokens = new Map<string, Role>();

  constructor(config: SimulatorConfig = {}) {
    this.timing = { ...DEFAULT_TIMING, ...config.timing };
    this.rateLimiter = new RateLimiter({ ...DEFAULT_RATE_LIMIT, ...config.rateLimit });
    this.jobs = new JobRunner(() => this.timing);
    this.reset(config.seed ?? 'demo', config.randomSeed ?? DEFAULT_RANDOM_SEED);
  }

  /**
   * Fresh data, tokens and faults; drops jobs, rate windows and the log. Keeps timing. The sandbox
   * environment is forked from the freshly seeded primary, so both start with the same ids.
   */
  reset(seed: SeedKind, randomSeed: number): void {
    this.jobs.clear();
    this.seed = seed;
    this.randomSeed = randomSeed;
    this.random = createRandom(randomSeed);
    this.environments = new Environments(buildStore(seed, this.random));
    this.environments.fork(PRIMARY_ENVIRONMENT, SANDBOX_ENVIRONMENT);
    this.faults = defaultFaults();
    this.rateLimiter.reset();
    this.log.clear();
    this.tokens.clear();
    for (const { token, role } of demoTokens()) this.tokens.set(token, role);
  }

  setTiming(timing: TimingModel): void {
    this.timing = timing;
    this.jobs.pump();
  }

  /** Bulk and reorder jobs take jobOverheadMs + perItemMs × ids; single-resource jobs singleJobMs. */
  jobDuration(itemCount: number | 'single'): number {
    return itemCount === 'single'
      ? this.timing.singleJobMs
      : this.timing.jobOverheadMs + this.timing.perItemMs * itemCount;
  }

  submitJob(
    kind: string,
    environment: string,
    itemCount: number | 'single',
    run: () => JobOutcome,
  ): JobRecord {
    return this.jobs.submit(
      kind,
      environment,
      itemCount === 'single' ? 1 : itemCount,
      this.jobDuration(itemCount),
      run,
      this.forcedJobFailure(kind),
    );
  }

  private forcedJobFailure(kind: string): JobOutcome | null {
    const spec = this.faults.failingJobs;
    const byCount = spec.next > 0;
    if (!byCount && !spec.kinds.includes(kind)) return null;
    if (byCount) spec.next--;
    return {
      status: spec.status,
      payload: errorBody(spec.code, { job_kind: kind, injected: true }),
    };
  }

  close(): void {
    this.jobs.clear();
  }
}
