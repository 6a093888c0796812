/**
 * Follows one or more runs executing in the boot frame: subscribes to the run channel before
 * they are started (so no event is missed), folds their events into one view, and notices an
 * end it did not hear about by checking the ledger now and then.
 */
import type { RunStatus } from '../../engine/runState';
import type { RunChannel } from '../../runtime/channel';
import { applyEvent, initialProgress, type ProgressView } from './progressView';

export type TrackedRun = {
  readonly runId: string;
  readonly total: number;
  readonly chunks: number;
};

export type TrackerView = {
  readonly runs: readonly ProgressView[];
  readonly combined: ProgressView;
  readonly allEnded: boolean;
};

function combine(views: readonly ProgressView[]): ProgressView {
  const first = views[0]!;
  if (views.length === 1) return first;
  const anyCounts = views.some((v) => v.counts);
  const counts = anyCounts
    ? views.reduce(
        (acc, v) => {
          const c = v.counts ?? {
            succeeded: 0,
            failed: 0,
            skipped: 0,
            not_run: 0,
            pending: v.total,
            total: v.total,
          };
          return {
            succeeded: acc.succeeded + c.succeeded,
            failed: acc.failed + c.failed,
            skipped: acc.skipped + c.skipped,
            not_run: acc.not_run + c.not_run,
            pending: acc.pending + c.pending,
            total: acc.total + c.total,
          };
        },
        { succeeded: 0, failed: 0, skipped: 0, not_run: 0, pending: 0, total: 0 },
      )
    : null;
  const ends = views.map((v) => v.ended);
  const etas = views.map((v) => v.etaMs).filter((e): e is number => e !== null);
  const throttles = views.map((v) => v.throttledUntil).filter((t): t is number => t !== null);
  return {
    total: views.reduce((n, v) => n + v.total, 0),
    counts,
    chunks: views.flatMap((v) => v.chunks),
    etaMs: etas.length ? Math.max(...etas) : null,
    throttledUntil: throttles.length ? Math.max(...throttles) : null,
    retrying: views.find((v) => v.retrying)?.retrying ?? null,
    ended: ends.every((e) => e !== null)
      ? ends.includes('failed')
        ? 'failed'
        : ends.includes('cancelled')
          ? 'cancelled'
          : 'done'
      : null,
    error: views.find((v) => v.error)?.error ?? null,
  };
}

export type TrackerOptions = {
  readonly channel: RunChannel;
  readonly runs: readonly TrackedRun[];
  /** Reads the run's status from the ledger (fallback when an end event was missed). */
  readonly statusOf?: (runId: string) => Promise<RunStatus | undefined>;
  readonly now?: () => number;
  readonly checkEveryMs?: number;
};

export class RunTracker {
  private views: ProgressView[];
  private snapshot: TrackerView;
  private listeners = new Set<() => void>();
  private stopChannel: () => void;
  private timer: ReturnType<typeof setInterval> | undefined;
  readonly runIds: readonly string[];

  constructor(private readonly options: TrackerOptions) {
    this.runIds = options.runs.map((r) => r.runId);
    this.views = options.runs.map((r) => initialProgress(r.total, r.chunks));
    this.snapshot = this.build();
    const now = options.now ?? Date.now;
    this.stopChannel = options.channel.subscribe((m) => {
      if (m.kind !== 'event' && m.kind !== 'rejected') return;
      const i = this.runIds.indexOf(m.runId);
      if (i < 0) return;
      const view = this.views[i]!;
      this.views[i] =
        m.kind === 'event'
          ? applyEvent(view, m.event, now())
          : { ...view, ended: 'failed', error: m.reason };
      this.changed();
    });
    if (options.statusOf)
      this.timer = setInterval(() => void this.checkLedger(), options.checkEveryMs ?? 1500);
  }

  private async checkLedger(): Promise<void> {
    const statusOf = this.options.statusOf;
    if (!statusOf) return;
    let changed = false;
    for (let i = 0; i < this.runIds.length; i++) {
      if (this.views[i]!.ended) continue;
      const status = await statusOf(this.runIds[i]!);
      if (status === 'done' || status === 'cancelled' || status === 'interrupted') {
        this.views[i] = { ...this.views[i]!, ended: status === 'cancelled' ? 'cancelled' : 'done' };
        changed = true;
      }
    }
    if (changed) this.changed();
  }

  private build(): TrackerView {
    const combined = combine(this.views);
    return { runs: this.views, combined, allEnded: combined.ended !== null };
  }

  private changed(): void {
    this.snapshot = this.build();
    // Once every run has ended nothing more can arrive: stop listening and polling.
    if (this.snapshot.allEnded) {
      this.stopChannel();
      if (this.timer) clearInterval(this.timer);
    }
    for (const l of this.listeners) l();
  }

  /** For useSyncExternalStore. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): TrackerView => this.snapshot;

  cancel(): void {
    for (const runId of this.runIds) this.options.channel.post({ kind: 'cancel', runId });
  }

  dispose(): void {
    this.stopChannel();
    if (this.timer) clearInterval(this.timer);
    this.listeners.clear();
  }
}
