/**
 * The jobs panel's model, in plain TS: lists runs from the shared ledger (newest first, capped),
 * overlays live progress heard on the run channel, tells interrupted runs (no live frame holds
 * their lock) and resumes them in a boot frame that answers `hello`.
 */
import type { RunCounts, RunRecord } from '../../engine/runState';
import type { Ledger, RunIndex } from '../../ledger/ledger';
import type { RunChannel } from '../../runtime/channel';
import type { RunMessage, RunStartSettings } from '../../runtime/messages';
import { findBootFrame } from '../../runtime/findBootFrame';
import type { RunLocks } from '../../runtime/runLocks';
import { START_GRACE_MS, toRow, type JobRow, type LiveFacts } from './jobRows';
import { messageOf } from '../../engine/messageOf';

export type JobsStore = Pick<Ledger, 'list' | 'load' | 'discard'> & Partial<RunIndex>;

export type JobsSnapshot = {
  readonly loaded: boolean;
  readonly error: string | null;
  /** The newest runs of the project environment (at most `limit`). */
  readonly recent: readonly JobRow[];
  /** Runs whose frozen ids include the panel's asset or record; null without an entity. */
  readonly touching: readonly JobRow[] | null;
  /** Why the last start/resume of a run failed, by run id. */
  readonly failures: Readonly<Record<string, string>>;
};

export type JobsModelOptions = {
  readonly store: JobsStore;
  /** Opened by start() and closed by stop(), so React may start and stop the model again. */
  readonly openChannel: () => RunChannel;
  readonly locks: Pick<RunLocks, 'heldRunIds'>;
  /** The asset or record whose panel this is. */
  readonly entityId?: string;
  readonly limit?: number;
  readonly now?: () => number;
  readonly startGraceMs?: number;
  /** How long to wait for a boot frame to answer `hello` before giving up. */
  readonly helloTimeoutMs?: number;
  /** Re-reads the ledger this often (new runs from other frames, interrupted runs). */
  readonly refreshEveryMs?: number;
};

export const DEFAULT_JOBS_LIMIT = 10;

const EMPTY: JobsSnapshot = {
  loaded: false,
  error: null,
  recent: [],
  touching: null,
  failures: {},
};

export class JobsModel {
  private snapshot: JobsSnapshot = EMPTY;
  private listeners = new Set<() => void>();
  private records: RunRecord[] = [];
  private touchingIds: Set<string> | null = null;
  private held = new Set<string>();
  private active = new Set<string>();
  private liveCounts = new Map<string, RunCounts>();
  private ended = new Map<string, 'done' | 'cancelled'>();
  private resumedAt = new Map<string, number>();
  private failures: Record<string, string> = {};
  private refreshing: Promise<void> | null = null;
  private again = false;
  private channel: RunChannel | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: JobsModelOptions) {
    this.now = options.now ?? Date.now;
  }

  private get openedChannel(): RunChannel {
    if (!this.channel) throw new Error('The jobs model is not started.');
    return this.channel;
  }

  /** Listens on the run channel, reads the ledger and asks the boot frames what they run. */
  start(): Promise<void> {
    if (!this.channel) {
      this.channel = this.options.openChannel();
      this.channel.subscribe((m) => this.hear(m));
      if (this.options.refreshEveryMs !== 0)
        this.timer = setInterval(() => void this.refresh(), this.options.refreshEveryMs ?? 2000);
    }
    this.channel.post({ kind: 'hello' });
    return this.refresh();
  }

  /** Stops listening and re-reading; start() may follow (React StrictMode remounts). */
  stop(): void {
    this.channel?.close();
    this.channel = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private hear(m: RunMessage): void {
    switch (m.kind) {
      case 'active':
        for (const run of m.runs) {
          this.active.add(run.runId);
          this.liveCounts.set(run.runId, run.counts);
        }
        this.publish();
        return;
      case 'event': {
        const e = m.event;
        if (e.type === 'progress') this.liveCounts.set(m.runId, e.counts);
        else if (e.type === 'done' || e.type === 'cancelled' || e.type === 'failed') {
          this.liveCounts.set(m.runId, e.counts);
          this.ended.set(m.runId, e.type === 'cancelled' ? 'cancelled' : 'done');
          this.active.delete(m.runId);
        } else return;
        // A run this panel has not listed yet (started elsewhere since): read the ledger.
        if (!this.records.some((r) => r.id === m.runId)) void this.refresh();
        else this.publish();
        return;
      }
      case 'rejected':
        this.failures = { ...this.failures, [m.runId]: m.reason };
        this.resumedAt.delete(m.runId);
        this.publish();
        return;
      default:
        return;
    }
  }

  refresh(): Promise<void> {
    if (this.refreshing) {
      this.again = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      do {
        this.again = false;
        await this.read();
      } while (this.again);
    })().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async read(): Promise<void> {
    const { store, entityId, locks } = this.options;
    try {
      const [records, touching] = await Promise.all([
        store.list(),
        entityId && store.runsTouching ? store.runsTouching(entityId) : Promise.resolve(null),
      ]);
      const held = await locks.heldRunIds(records.map((r) => r.id));
      this.records = records;
      this.touchingIds = touching && new Set(touching);
      this.held = held;
      // Only the locks and the latest answers say what runs now; forget stale `active` reports.
      for (const id of this.active) if (!held.has(id)) this.active.delete(id);
      this.publish(null);
    } catch (error) {
      this.publish(`Could not read the bulk runs: ${messageOf(error)}`);
    }
  }

  private publish(error: string | null = this.snapshot.error): void {
    const live: LiveFacts = {
      held: this.held,
      active: this.active,
      now: this.now(),
      startGraceMs: this.options.startGraceMs ?? START_GRACE_MS,
      resumedAt: this.resumedAt,
      ended: this.ended,
    };
    const row = (run: RunRecord): JobRow => {
      const base = toRow(run, live);
      const counts = this.liveCounts.get(run.id);
      // Live counts are newer than the ledger's while the run executes or just ended.
      return counts &&
        base.state !== 'interrupted' &&
        (run.status === 'running' || run.status === 'cancelling')
        ? { ...base, counts }
        : base;
    };
    const limit = this.options.limit ?? DEFAULT_JOBS_LIMIT;
    const touching = this.touchingIds;
    this.snapshot = {
      loaded: true,
      error,
      recent: this.records.slice(0, limit).map(row),
      touching: touching
        ? this.records
            .filter((r) => touching.has(r.id))
            .slice(0, limit)
            .map(row)
        : null,
      failures: this.failures,
    };
    for (const l of this.listeners) l();
  }

  /** Resolves with the id of a live boot frame (the first to answer `hello`). */
  bootFrame(): Promise<string> {
    return findBootFrame(this.openedChannel, this.options.helloTimeoutMs);
  }

  /** Continues an interrupted run in a live boot frame, from its last saved state. */
  async resume(runId: string, settings: RunStartSettings): Promise<void> {
    const { [runId]: _dropped, ...rest } = this.failures;
    this.failures = rest;
    this.ended.delete(runId);
    this.resumedAt.set(runId, this.now());
    this.publish();
    try {
      const bootId = await this.bootFrame();
      // `start` resumes: the boot frame continues any run from the ledger under its lock.
      this.openedChannel.post({ kind: 'start', bootId, runId, settings });
    } catch (error) {
      this.resumedAt.delete(runId);
      this.failures = { ...this.failures, [runId]: messageOf(error) };
      this.publish();
    }
  }

  /**
   * Asks whichever boot frame runs it to stop sending new chunks; jobs already submitted run to
   * their end (DatoCMS cannot stop a job) and the run ends as cancelled with their outcomes.
   */
  cancel(runId: string): void {
    this.openedChannel.post({ kind: 'cancel', runId });
  }

  async discard(runId: string): Promise<void> {
    await this.options.store.discard(runId);
    await this.refresh();
  }

  /** Removes every stored run of the scope that no frame executes now; returns how many. */
  async discardAll(): Promise<number> {
    const records = await this.options.store.list();
    const held = await this.options.locks.heldRunIds(records.map((r) => r.id));
    let removed = 0;
    for (const run of records) {
      if (held.has(run.id) || this.active.has(run.id)) continue;
      await this.options.store.discard(run.id);
      removed++;
    }
    await this.refresh();
    return removed;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): JobsSnapshot => this.snapshot;
}
