/**
 * Async jobs: `jobSlots` run at once, the rest wait FIFO. A job's side effects are applied only
 * when it completes, so GET /job-results/:id (404 until then) never shows a half-done state.
 */
import { errorBody, SimError } from './errors';
import type { TimingModel } from './timing';

export type JobOutcome = { status: number; payload: unknown };

export type JobState = 'queued' | 'running' | 'done';

export type JobRecord = {
  id: string;
  kind: string;
  /** The environment the job was submitted in (and runs against). */
  environment: string;
  itemCount: number;
  durationMs: number;
  state: JobState;
  submittedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  /** Set at submit time by the failingJobs fault: the job ends with this instead of running. */
  forcedOutcome: JobOutcome | null;
  result: JobOutcome | null;
};

/** `released`: let through by a release while the runner is held. */
type PendingJob = { record: JobRecord; run: () => JobOutcome; released: boolean };

const MAX_FINISHED = 20_000;

// Ids keep counting across resets so a poller left over from before a reset cannot pick up
// an unrelated job's result.
let jobSeq = 0;

export class JobRunner {
  private readonly jobs = new Map<string, JobRecord>();
  private readonly queue: PendingJob[] = [];
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private running = 0;
  /** While held, submitted jobs wait in the queue (tests release them when they choose). */
  private holding = false;

  constructor(private readonly timing: () => TimingModel) {}

  submit(
    kind: string,
    environment: string,
    itemCount: number,
    durationMs: number,
    run: () => JobOutcome,
    forcedOutcome: JobOutcome | null = null,
  ): JobRecord {
    jobSeq++;
    const record: JobRecord = {
      id: String(jobSeq),
      kind,
      environment,
      itemCount,
      durationMs,
      state: 'queued',
      submittedAt: Date.now(),
      startedAt: null,
      finishedAt: null,
      forcedOutcome,
      result: null,
    };
    this.jobs.set(record.id, record);
    this.queue.push({ record, run, released: false });
    this.pump();
    return record;
  }

  find(id: string): JobRecord | undefined {
    return this.jobs.get(id);
  }

  list(): JobRecord[] {
    return [...this.jobs.values()];
  }

  get held(): boolean {
    return this.holding;
  }

  /** Holding keeps new (and still queued) jobs queued; lifting it lets them all run. */
  setHold(hold: boolean): void {
    this.holding = hold;
    this.pump();
  }

  /** Queued jobs the hold keeps back (0 when not held). */
  heldCount(): number {
    return this.holding ? this.queue.filter((job) => !job.released).length : 0;
  }

  /**
   * Lets the first `count` held jobs (FIFO) run with their normal duration and outcome; the hold
   * stays on for later jobs. Returns how many were released.
   */
  release(count: number): number {
    const waiting = this.queue.filter((job) => !job.released).slice(0, count);
    for (const job of waiting) job.released = true;
    this.pump();
    return waiting.length;
  }

  /** Starts queued jobs (released ones only while held) while slots are free. */
  pump(): void {
    let index = 0;
    while (this.running < this.timing().jobSlots && index < this.queue.length) {
      const next = this.queue[index] as PendingJob;
      if (this.holding && !next.released) {
        index++;
        continue;
      }
      this.queue.splice(index, 1);
      this.start(next);
    }
  }

  /** Drops every job and timer (reset and close). */
  clear(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.queue.length = 0;
    this.jobs.clear();
    this.running = 0;
    this.holding = false;
  }

  private start({ record, run }: PendingJob): void {
    this.running++;
    record.state = 'running';
    record.startedAt = Date.now();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.running--;
      record.result = record.forcedOutcome ?? safeRun(run);
      record.state = 'done';
      record.finishedAt = Date.now();
      this.evictOldFinished();
      this.pump();
    }, record.durationMs);
    this.timers.add(timer);
  }

  private evictOldFinished(): void {
    if (this.jobs.size <= MAX_FINISHED) return;
    for (const [id, job] of this.jobs) {
      if (this.jobs.size <= MAX_FINISHED) break;
      if (job.state === 'done') this.jobs.delete(id);
    }
  }
}

function safeRun(run: () => JobOutcome): JobOutcome {
  try {
    return run();
  } catch (error) {
    if (error instanceof SimError) return { status: error.status, payload: error.toBody() };
    // A bug in a job must surface as a failed job, not as a job that never ends.
    console.error('[sim] job crashed', error);
    return { status: 500, payload: errorBody('EXCEPTION', { message: String(error) }) };
  }
}
