/**
 * How many bulk jobs to keep in flight, and when each should be done, learned from the jobs
 * themselves. No source says how many jobs DatoCMS runs at once for a project, so the engine
 * models the server as what the API shows it to be, a queue: jobs wait for one of `slots`
 * workers in the order they were submitted, and one of `size` ids runs for the learned no-load
 * time (JobDurationModel). From our own jobs' submit times and the polls that found them pending
 * or done, it fits `slots`:
 *
 * - Every poll brackets a job's finish: pending at `lo`, done by `hi`. For each candidate number
 *   of slots, replaying our jobs through such a queue predicts each finish; a prediction before
 *   a pending poll says "fewer slots", one after a done poll says "more". The estimate is the
 *   largest count that contradicts the fewest polls: optimistic, so the next polls test it (a
 *   poll found pending where more slots predicted done is what lowers it again), in the spirit of
 *   TCP Vegas, which reads a path's capacity from round-trip times.
 * - The limit is the estimated slots plus a standing queue of half as many jobs again (at least
 *   one): a finished job's worker takes the next queued job at once instead of idling for our
 *   poll and submit, and polls of queued jobs can be a little late at no cost. It costs no
 *   requests, only later answers, and stays small for other editors' jobs.
 * - Until a job has been seen waiting, the limit grows to at most 1.5× what has run without
 *   waiting (slow start); jobs of other people on the project delay ours like fewer slots would,
 *   so the estimate and the limit go down with them.
 *
 * The same replay predicts when each job in flight will be done: the poll schedule follows it.
 */
export type JobConcurrencyOptions = {
  /** Where the limit starts: the "jobs in flight" setting. */
  readonly initial?: number;
  readonly min?: number;
  readonly max?: number;
  /** Standing queue kept beyond the estimated slots, as a fraction of them (at least 1 job). */
  readonly queueFraction?: number;
  /** Bracket tolerance, as a fraction of the job's no-load time. */
  readonly tolerance?: number;
};

/** One of our jobs, in submission order. Times are the engine clock's. */
export type JobTicket = {
  readonly seq: number;
  readonly size: number;
  readonly submittedAt: number;
  /** Our jobs in flight when it was submitted, itself included. */
  readonly inFlightAtSubmit: number;
  pendingAt?: number;
  doneAt?: number;
};

/** The no-load time of a job of `size` ids (the poll planner's model). */
export type ServiceTime = (size: number) => number;

export const MAX_ADAPTIVE_JOBS = 24;
/** Jobs kept for the replay; the fit looks at the most recent finished ones. */
const HISTORY = 64;
const FIT_WINDOW = 24;

export class JobConcurrency {
  private readonly min: number;
  private readonly max: number;
  private readonly queueFraction: number;
  private readonly tolerance: number;
  private current: number;
  private readonly initial: number;
  private seq = 0;
  private readonly jobs: JobTicket[] = [];
  /** Most of our jobs seen running at once without waiting (slow start grows from it). */
  private ranAtOnce = 0;
  /**
   * The smallest latency seen per job size (submit → found done): an upper bound of the no-load
   * time, and close to it once one job ran without waiting. Vegas's base RTT: latencies above
   * it are read as queueing, never as a slower server (whose cost is a smaller estimate).
   */
  private readonly noLoad = new Map<number, number>();
  /** Whether any of our jobs was seen waiting for a worker. */
  queued = false;
  /** Estimated workers; undefined until a job has finished. */
  slots: number | undefined;
  private listeners = new Set<() => void>();

  constructor(options: JobConcurrencyOptions = {}) {
    this.min = options.min ?? 1;
    this.max = options.max ?? MAX_ADAPTIVE_JOBS;
    this.current = Math.min(this.max, Math.max(this.min, Math.round(options.initial ?? 4)));
    this.initial = this.current;
    this.queueFraction = options.queueFraction ?? 0.5;
    this.tolerance = options.tolerance ?? 0.02;
  }

  /**
   * Jobs that may be in flight now. The very first job of a session goes alone until the
   * server has accepted it: first in the queue, it runs at once, and its latency is then the
   * no-load time (a first job stuck behind our own others would teach a wrong one).
   */
  get limit(): number {
    return this.seq === 0 ? 1 : this.current;
  }

  /** Called when the limit changes (the scheduler starts more chunks). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  submitted(size: number, at: number, inFlightAtSubmit: number): JobTicket {
    const ticket: JobTicket = { seq: this.seq++, size, submittedAt: at, inFlightAtSubmit };
    this.jobs.push(ticket);
    if (ticket.seq === 0) for (const l of this.listeners) l(); // the others may go now
    if (this.jobs.length > HISTORY) {
      // Drop the oldest finished job (unfinished ones still occupy workers).
      const i = this.jobs.findIndex((j) => j.doneAt !== undefined);
      this.jobs.splice(i >= 0 ? i : 0, 1);
    }
    return ticket;
  }

  /** The job will never be seen done (lost, failed to poll): it no longer counts. */
  forget(ticket: JobTicket): void {
    const i = this.jobs.indexOf(ticket);
    if (i >= 0) this.jobs.splice(i, 1);
  }

  /**
   * Replays our jobs through a queue with `slots` workers: each job's predicted start and end.
   * Finished jobs free their worker when they were seen done (their bracket's middle).
   */
  private replay(
    slots: number,
    fallback: ServiceTime,
  ): Map<JobTicket, { start: number; end: number }> {
    const service = (size: number) => this.serviceTime(size, fallback);
    const free = Array.from({ length: Math.max(1, Math.round(slots)) }, () => -Infinity);
    const out = new Map<JobTicket, { start: number; end: number }>();
    for (const job of this.jobs) {
      let w = 0;
      for (let i = 1; i < free.length; i++) if (free[i]! < free[w]!) w = i;
      const start = Math.max(job.submittedAt, free[w]!);
      const end = start + service(job.size);
      out.set(job, { start, end });
      free[w] = job.doneAt === undefined ? end : finishOf(job);
    }
    return out;
  }

  /** When the job should be done, and whether it waits for a worker first. */
  expected(ticket: JobTicket, service: ServiceTime): { doneAt: number; waits: boolean } {
    const p = this.replay(this.slots ?? this.max, service).get(ticket);
    if (!p)
      return { doneAt: ticket.submittedAt + this.serviceTime(ticket.size, service), waits: false };
    return { doneAt: p.end, waits: p.start > ticket.submittedAt + 1 };
  }

  /** A poll found the job pending (`pendingAt`) or done (`doneAt`). */
  observe(ticket: JobTicket, poll: { pendingAt?: number; doneAt?: number }): void {
    if (poll.pendingAt !== undefined) ticket.pendingAt = poll.pendingAt;
    if (poll.doneAt !== undefined) {
      ticket.doneAt = poll.doneAt;
      const latency = poll.doneAt - ticket.submittedAt;
      const known = this.noLoad.get(ticket.size);
      if (latency > 0 && (known === undefined || latency < known))
        this.noLoad.set(ticket.size, latency);
    }
  }

  /**
   * No-load time of a job of `size` ids: the poll planner's learned duration (`model`, which
   * keeps probing downwards), capped by the smallest latency seen for that size (scaled from the
   * nearest size seen), so that queueing mistaken for work can never inflate it.
   */
  serviceTime(size: number, model: ServiceTime): number {
    const learned = model(size);
    let near: number | undefined;
    for (const s of this.noLoad.keys())
      if (near === undefined || Math.abs(s - size) < Math.abs(near - size)) near = s;
    if (near === undefined) return learned;
    const cap =
      near === size
        ? this.noLoad.get(size)!
        : (this.noLoad.get(near)! * learned) / Math.max(1, model(near));
    return Math.min(learned, cap);
  }

  /**
   * Refits the slots from the finished jobs' brackets and sets the limit. Returns the job's
   * predicted start under the new fit (the poll planner learns service time from end − start).
   */
  refit(ticket: JobTicket, service: ServiceTime): number {
    // Jobs still running count too: a pending poll after their predicted finish is evidence.
    const finished = this.jobs
      .filter((j) => j.doneAt !== undefined || j.pendingAt !== undefined)
      .slice(-FIT_WINDOW);
    const missesOf: number[] = [];
    for (let s = 1; s <= this.max; s++) {
      const p = this.replay(s, service);
      let misses = 0;
      for (const job of finished) {
        const end = p.get(job)!.end;
        const tol = this.tolerance * this.serviceTime(job.size, service);
        if (job.pendingAt !== undefined && end < job.pendingAt - tol) misses++;
        if (job.doneAt !== undefined && end > job.doneAt + tol) misses++;
      }
      missesOf[s] = misses;
    }
    // The count that contradicts the fewest polls; among those, the current estimate (it moves
    // only when polls contradict it), else the largest (optimistic: the next polls test it).
    const fewest = Math.min(...missesOf.slice(1));
    const fits = (s: number) => missesOf[s] === fewest;
    let chosen = 1;
    for (let s = this.max; s >= 1; s--)
      if (fits(s)) {
        chosen = s;
        break;
      }
    if (this.slots !== undefined && this.slots <= this.max && fits(this.slots)) chosen = this.slots;
    const best = { slots: chosen };
    this.slots = best.slots;
    const fitted = this.replay(best.slots, service);
    for (const job of finished) {
      if (job.doneAt === undefined) continue;
      const work = this.serviceTime(job.size, service);
      const { start } = fitted.get(job)!;
      if (start > job.submittedAt + this.tolerance * work) this.queued = true;
      // Proof that `k` ran at once: seen done within its no-load time (a job only found done
      // late, e.g. behind the rate budget, proves nothing).
      if (job.doneAt - job.submittedAt <= work * (1 + 5 * this.tolerance))
        this.ranAtOnce = Math.max(this.ranAtOnce, job.inFlightAtSubmit);
    }
    const queue = Math.max(1, best.slots * this.queueFraction);
    let next = best.slots + queue;
    // Slow start: until a job was seen waiting, at most 1.5× what ran without waiting (and
    // never below where it started: nothing seen yet says the server runs fewer).
    if (!this.queued)
      next = Math.min(next, Math.max(this.initial, Math.round(1.5 * this.ranAtOnce)));
    next = Math.round(next);
    // Once jobs have queued, grow by one job per finished job at most (as Vegas does): a fit
    // over a few brackets can be optimistic, and a queue built in one step takes long to drain.
    if (this.queued && ticket.doneAt !== undefined) next = Math.min(next, this.current + 1);
    else if (this.queued) next = Math.min(next, this.current);
    next = Math.min(this.max, Math.max(this.min, next));
    const changed = next !== this.current;
    this.current = next;
    if (changed) for (const l of this.listeners) l();
    return fitted.get(ticket)?.start ?? ticket.submittedAt;
  }
}

/** When a finished job most likely finished: the middle of its last pending/done bracket. */
function finishOf(job: JobTicket): number {
  const lo = job.pendingAt ?? job.doneAt! - (job.doneAt! - job.submittedAt) * 0.05;
  return (lo + job.doneAt!) / 2;
}
