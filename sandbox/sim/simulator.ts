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
import type { Credential } from './permissions';
import { demoTokens, OWNER, type TokenEntry } from './roles';
import type { CreatorRef } from './types';
import { buildStore, type SeedKind } from './seed';
import type { ListingOptions } from './item-filter';
import { createRandom, type Random } from './seed/random';
import { DEFAULT_TIMING, type TimingModel } from './timing';

export const DEFAULT_RANDOM_SEED = 20260101;

export type SimulatorConfig = {
  seed?: SeedKind;
  randomSeed?: number;
  timing?: Partial<TimingModel>;
  rateLimit?: Partial<RateLimitConfig>;
  listing?: Partial<ListingConfig>;
  plan?: Partial<PlanConfig>;
};

/**
 * `shuffled`: a listing without `order_by` comes in a new random order on every request (the API
 * promises none, so a caller paging without order_by is caught); `stable`: by id (records) or
 * newest first (uploads), as before.
 */
export type Unordered = 'shuffled' | 'stable';

export type ListingConfig = {
  unordered: Unordered;
  /** Delay before a record write reaches the text-search index (filter[query]). */
  searchLagMs: number;
};

/**
 * The project's plan. Workflows are an Enterprise feature (DatoCMS workflows product update; RawApiTypes
 * Role: "Workflow-aware permissions … require Workflows, an Enterprise feature"). How the API
 * answers `GET /workflows` without them is not documented: `error` → 422 PLAN_UPGRADE_REQUIRED
 * (the default), `empty` → `{ data: [] }`.
 */
export type PlanConfig = { workflows: boolean; workflowsListing: 'error' | 'empty' };

export const DEFAULT_PLAN: PlanConfig = { workflows: true, workflowsListing: 'error' };

export const DEFAULT_LISTING: ListingConfig = { unordered: 'shuffled', searchLagMs: 30_000 };

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
  readonly tokens = new Map<string, TokenEntry>();
  listing: ListingConfig;
  plan: PlanConfig = { ...DEFAULT_PLAN };

  constructor(config: SimulatorConfig = {}) {
    this.timing = { ...DEFAULT_TIMING, ...config.timing };
    this.listing = { ...DEFAULT_LISTING, ...config.listing };
    this.plan = { ...DEFAULT_PLAN, ...config.plan };
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
    const primary = buildStore(seed, this.random);
    primary.searchLagMs = this.listing.searchLagMs;
    primary.workflowsEnabled = this.plan.workflows;
    primary.initSearchIndex();
    this.environments = new Environments(primary);
    this.environments.fork(PRIMARY_ENVIRONMENT, SANDBOX_ENVIRONMENT);
    this.faults = defaultFaults();
    this.rateLimiter.reset();
    this.log.clear();
    this.tokens.clear();
    for (const entry of demoTokens()) this.tokens.set(entry.token, entry);
  }

  /** The credential of a token: its role, its user, and who created what with which role. */
  credential(entry: TokenEntry): Credential {
    return {
      role: entry.role,
      identity: { type: entry.user.type, id: entry.user.id },
      roleOf: (creator: CreatorRef) => {
        for (const other of this.tokens.values()) {
          if (other.user.type === creator.type && other.user.id === creator.id)
            return other.role.id;
        }
        // The owner account is the Admin's, whatever token stands for it.
        return creator.type === OWNER.type && creator.id === OWNER.id ? 'role-admin' : null;
      },
    };
  }

  setPlan(plan: PlanConfig): void {
    this.plan = plan;
    for (const environment of this.environments.list()) {
      environment.store.workflowsEnabled = plan.workflows;
    }
  }

  setListing(listing: ListingConfig): void {
    this.listing = listing;
    for (const environment of this.environments.list()) {
      environment.store.searchLagMs = listing.searchLagMs;
    }
  }

  /**
   * How a request's listing is ordered when it names no order: shuffled with a PRNG of its own
   * (seeded from randomSeed and the request's sequence number, so the fault dice are untouched
   * and the same request sequence repeats), or sorted by `fallback`.
   */
  listingOptions(requestSeq: number): ListingOptions {
    const shuffled = this.listing.unordered === 'shuffled';
    const seed = (this.randomSeed ^ Math.imul(requestSeq + 1, 0x9e3779b1)) >>> 0;
    return {
      now: Date.now(),
      unordered: <T>(list: T[], fallback: (a: T, b: T) => number): T[] => {
        if (!shuffled) return list.sort(fallback);
        return createRandom(seed).sample(list, list.length);
      },
    };
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
