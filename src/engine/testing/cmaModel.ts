import { RateBudget, type HeaderSource } from '../../cma/rateBudget';
import type { BoundOperation, VerifyResult } from '../boundOperation';
import type { Clock } from '../clock';
import { apiError } from './apiErrors';

/**
 * A fake-time model of the CMA as the simulator runs it (sandbox/sim: jobs.ts, rate-limit.ts),
 * for unit tests and tuning of the scheduler: `slots` jobs run at once and the rest wait FIFO,
 * a job of n ids takes overhead + perItem·n, every request takes a latency, and a fixed
 * per-token window answers 429 past its limit (with or without X-RateLimit-* headers). Every
 * call goes through a real RateBudget, as the engine's fetch does.
 */
export type CmaModelOptions = {
  readonly slots: number;
  readonly jobOverheadMs?: number;
  readonly perItemMs?: number;
  /** Each job's duration × (1 ± jitter), uniform. */
  readonly jobJitter?: number;
  readonly latencyMs?: number;
  readonly latencyJitterMs?: number;
  readonly rateLimit?: number;
  readonly rateWindowMs?: number;
  readonly headers?: 'exposed' | 'hidden';
  /** Deterministic PRNG in [0, 1). */
  readonly random?: () => number;
  /** Requests per window someone else sends with the same token (other tabs). */
  readonly foreignPerWindow?: number;
};

type Job = { ids: readonly string[]; durationMs: number; doneAt?: number };

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class CmaModel {
  readonly budget: RateBudget;
  requests = 0;
  polls = 0;
  submits = 0;
  reads = 0;
  throttled = 0;
  maxInFlight = 0;
  /** Slot-milliseconds the server spent running jobs (utilisation = busyMs / (wall × slots)). */
  busyMs = 0;
  /** [time, running, queued] at every change, for traces. */
  readonly timeline: [number, number, number][] = [];
  readonly applied = new Set<string>();
  private readonly jobs = new Map<string, Job>();
  private readonly queue: Job[] = [];
  private running = 0;
  private nextJob = 1;
  private windowStart = -Infinity;
  private windowCount = 0;
  private readonly o: Required<Omit<CmaModelOptions, 'random'>> & { random: () => number };

  constructor(
    private readonly clock: Clock,
    options: CmaModelOptions,
  ) {
    this.o = {
      jobOverheadMs: 400,
      perItemMs: 4,
      jobJitter: 0,
      latencyMs: 20,
      latencyJitterMs: 10,
      rateLimit: 60,
      rateWindowMs: 3000,
      headers: 'hidden',
      foreignPerWindow: 0,
      random: mulberry32(1),
      ...options,
    };
    this.budget = new RateBudget({ clock });
  }

  /** Changes the server's workers (e.g. other people's jobs take some); queued jobs start. */
  setSlots(slots: number): void {
    (this.o as { slots: number }).slots = slots;
    this.pump();
  }

  /** Jobs submitted and not finished on the server (queued or running). */
  get serverBacklog(): number {
    return this.running + this.queue.length;
  }

  private admit(): { ok: boolean; headers: HeaderSource } {
    const now = this.clock.now();
    const { rateLimit, rateWindowMs } = this.o;
    if (now - this.windowStart >= rateWindowMs) {
      this.windowStart = now;
      this.windowCount = this.o.foreignPerWindow;
    }
    const ok = this.windowCount < rateLimit;
    if (ok) this.windowCount++;
    const h: Record<string, string> =
      this.o.headers === 'exposed'
        ? {
            'x-ratelimit-limit': String(rateLimit),
            'x-ratelimit-remaining': String(Math.max(0, rateLimit - this.windowCount)),
            ...(ok
              ? {}
              : {
                  'x-ratelimit-reset': String(
                    Math.max(1, Math.ceil((this.windowStart + rateWindowMs - now) / 1000)),
                  ),
                }),
          }
        : {};
    return { ok, headers: { get: (n) => h[n.toLowerCase()] ?? null } };
  }

  /** One request: budget, half the latency, the server's handling, the other half. */
  /** [sent at, kind] of every request, for traces. */
  readonly sent: [number, string][] = [];

  private async request<T>(
    priority: 'high' | 'normal',
    handle: () => T,
    kind = 'request',
  ): Promise<T> {
    const ticket = await this.budget.acquire(priority);
    this.requests++;
    this.sent.push([this.clock.now(), kind]);
    const latency = this.o.latencyMs + this.o.random() * this.o.latencyJitterMs;
    await this.clock.sleep(latency / 2);
    const { ok, headers } = this.admit();
    let result: T | undefined;
    let error: unknown;
    if (!ok) this.throttled++;
    else
      try {
        result = handle();
      } catch (e) {
        error = e;
      }
    await this.clock.sleep(latency / 2);
    this.budget.settle(ticket, ok ? (error ? 404 : 200) : 429, headers);
    if (!ok) throw apiError(429);
    if (error) throw error;
    return result as T;
  }

  private pump(): void {
    while (this.running < this.o.slots && this.queue.length > 0) {
      const job = this.queue.shift()!;
      this.running++;
      this.busyMs += job.durationMs;
      this.timeline.push([this.clock.now(), this.running, this.queue.length]);
      void this.clock.sleep(job.durationMs).then(() => {
        this.running--;
        this.timeline.push([this.clock.now(), this.running, this.queue.length]);
        job.doneAt = this.clock.now();
        for (const id of job.ids) this.applied.add(id);
        this.pump();
      });
    }
  }

  readonly op: BoundOperation = {
    mode: 'bulk',
    missingMeansDone: false,
    submit: (ids) =>
      this.request(
        'normal',
        () => {
          this.submits++;
          const { jobOverheadMs, perItemMs, jobJitter, random } = this.o;
          const base = jobOverheadMs + perItemMs * ids.length;
          const job: Job = {
            ids: [...ids],
            durationMs: base * (1 + jobJitter * (2 * random() - 1)),
          };
          const id = `job${this.nextJob++}`;
          this.jobs.set(id, job);
          this.queue.push(job);
          this.maxInFlight = Math.max(this.maxInFlight, this.serverBacklog);
          this.pump();
          return id;
        },
        'submit',
      ),
    poll: (jobId) =>
      this.request(
        'high',
        () => {
          this.polls++;
          const job = this.jobs.get(jobId);
          if (!job) throw apiError(404, 'NOT_FOUND');
          if (job.doneAt === undefined) return 'pending' as const;
          return {
            status: 200,
            payload: { data: [], meta: { successful: job.ids.length, failed: 0 } },
          };
        },
        'poll',
      ),
    verify: (ids) =>
      this.request(
        'normal',
        () => {
          this.reads++;
          const out = new Map<string, VerifyResult>();
          for (const id of ids)
            out.set(id, { state: this.applied.has(id) ? 'done' : 'not_done', current: { id } });
          return out;
        },
        'read',
      ),
    applyOne: (id) =>
      this.request('normal', () => {
        this.applied.add(id);
      }),
  };
}
