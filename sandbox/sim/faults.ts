/**
 * Fault injection, set through /__sim/faults. Dice are thrown with the simulator's seeded PRNG, so
 * a given seed and request sequence always fails the same way.
 */
import type { Random } from './seed/random';

export type ServerErrorSpec = { status: number; code: string; transient: boolean };

export type FailingJobsSpec = {
  /** The next N jobs fail, whatever their kind. */
  next: number;
  /** Every job of these kinds fails (e.g. "items.bulk_publish"). */
  kinds: string[];
  status: number;
  code: string;
};

export type FailingItemSpec = { code: string; status?: number; transient?: boolean };

export type Faults = {
  /** The next N CMA requests answer 429. */
  rateLimitBurst: number;
  /** Share (0..1) of job-creating requests (bulk POSTs, reorder) answering `serverError`. */
  submitErrorRate: number;
  /** Share (0..1) of GET /job-results/:id answering `serverError`. */
  pollErrorRate: number;
  /** Share (0..1) of CMA requests whose socket is destroyed without a response. */
  dropConnectionRate: number;
  /** "before": dropped unhandled; "after": handled (side effects happen), then dropped. */
  dropConnectionPhase: 'before' | 'after';
  serverError: ServerErrorSpec;
  failingJobs: FailingJobsSpec;
  /** Upload or record id → error it fails with, per item and inside bulk jobs. */
  failingItemIds: Record<string, FailingItemSpec>;
  /** Tokens answered with 401 INVALID_AUTHORIZATION_HEADER. */
  revokedTokens: string[];
};

export function defaultFaults(): Faults {
  return {
    rateLimitBurst: 0,
    submitErrorRate: 0,
    pollErrorRate: 0,
    dropConnectionRate: 0,
    dropConnectionPhase: 'before',
    serverError: { status: 500, code: 'EXCEPTION', transient: false },
    failingJobs: { next: 0, kinds: [], status: 500, code: 'EXCEPTION' },
    failingItemIds: {},
    revokedTokens: [],
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rate(value: unknown, key: string): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new Error(`${key} must be a number between 0 and 1`);
  }
  return value;
}

function count(value: unknown, key: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new Error(`${key} must be a non-negative integer`);
  }
  return value;
}

function status(value: unknown, key: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 400 || value > 599) {
    throw new Error(`${key} must be an HTTP error status (400-599)`);
  }
  return value;
}

function text(value: unknown, key: string): string {
  if (typeof value !== 'string' || value === '') throw new Error(`${key} must be a string`);
  return value;
}

function stringList(value: unknown, key: string): string[] {
  if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string')) {
    throw new Error(`${key} must be an array of strings`);
  }
  return value as string[];
}

/** Shallow merge of a PUT body; nested objects are merged one level deep. Throws on bad input. */
export function mergeFaults(base: Faults, patch: unknown): Faults {
  if (!isObject(patch)) throw new Error('faults must be an object');
  const next: Faults = structuredClone(base);
  for (const [key, value] of Object.entries(patch)) {
    switch (key) {
      case 'rateLimitBurst':
        next.rateLimitBurst = count(value, key);
        break;
      case 'submitErrorRate':
      case 'pollErrorRate':
      case 'dropConnectionRate':
        next[key] = rate(value, key);
        break;
      case 'dropConnectionPhase':
        if (value !== 'before' && value !== 'after') {
          throw new Error('dropConnectionPhase must be "before" or "after"');
        }
        next.dropConnectionPhase = value;
        break;
      case 'serverError': {
        if (!isObject(value)) throw new Error('serverError must be an object');
        if ('status' in value) next.serverError.status = status(value.status, 'serverError.status');
        if ('code' in value) next.serverError.code = text(value.code, 'serverError.code');
        if ('transient' in value) next.serverError.transient = value.transient === true;
        break;
      }
      case 'failingJobs': {
        if (!isObject(value)) throw new Error('failingJobs must be an object');
        if ('next' in value) next.failingJobs.next = count(value.next, 'failingJobs.next');
        if ('kinds' in value) next.failingJobs.kinds = stringList(value.kinds, 'failingJobs.kinds');
        if ('status' in value) next.failingJobs.status = status(value.status, 'failingJobs.status');
        if ('code' in value) next.failingJobs.code = text(value.code, 'failingJobs.code');
        break;
      }
      case 'failingItemIds': {
        if (!isObject(value)) throw new Error('failingItemIds must be an object of id → code');
        const entries: Record<string, FailingItemSpec> = {};
        for (const [id, spec] of Object.entries(value)) {
          if (typeof spec === 'string') entries[id] = { code: text(spec, `failingItemIds.${id}`) };
          else if (isObject(spec)) {
            entries[id] = {
              code: text(spec.code, `failingItemIds.${id}.code`),
              ...(spec.status !== undefined
                ? { status: status(spec.status, `failingItemIds.${id}.status`) }
                : {}),
              ...(spec.transient === true ? { transient: true } : {}),
            };
          } else throw new Error(`failingItemIds.${id} must be a code or {code, status?}`);
        }
        next.failingItemIds = entries;
        break;
      }
      case 'revokedTokens':
        next.revokedTokens = stringList(value, key);
        break;
      default:
        throw new Error(`unknown fault "${key}"`);
    }
  }
  return next;
}

/** Throws the dice for one fault; a rate of 0 never consumes randomness. */
export function roll(random: Random, probability: number): boolean {
  return probability > 0 && random.chance(probability);
}
