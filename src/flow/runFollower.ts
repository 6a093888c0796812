/**
 * From progress to report, framework-free: watches a tracker until every run has ended, reads
 * the runs back from the ledger once, and turns them into whatever report the caller shows. A
 * small store (subscribe / getSnapshot) for `useSyncExternalStore`; shared by every modal.
 */
import { messageOf } from '../engine/messageOf';
import type { RunRecord } from '../engine/runState';
import type { TrackerView } from '../ui/bulk/runTracker';

export type FinishedRun = { readonly run: RunRecord; readonly ids: readonly string[] };

export type FollowerSnapshot<R> =
  | { readonly state: 'running' }
  | { readonly state: 'ended'; readonly report: R }
  | { readonly state: 'failed'; readonly error: string };

export type RunFollowerOptions<R> = {
  readonly tracker: {
    readonly runIds: readonly string[];
    subscribe(listener: () => void): () => void;
    getSnapshot(): TrackerView;
  };
  /** The run as the boot frame last saved it, once it has ended. */
  readonly finishedRun: (runId: string) => Promise<FinishedRun>;
  readonly toReport: (runs: FinishedRun[]) => Promise<R>;
};

export class RunFollower<R> {
  private snapshot: FollowerSnapshot<R> = { state: 'running' };
  private readonly listeners = new Set<() => void>();
  private stopTracker: (() => void) | null = null;
  private reading = false;

  constructor(private readonly options: RunFollowerOptions<R>) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    this.stopTracker ??= this.options.tracker.subscribe(() => this.check());
    this.check();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size > 0) return;
      this.stopTracker?.();
      this.stopTracker = null;
    };
  };

  getSnapshot = (): FollowerSnapshot<R> => this.snapshot;

  /** Reads the report once, the first time every run is seen ended. */
  private check(): void {
    if (this.reading || !this.options.tracker.getSnapshot().allEnded) return;
    this.reading = true;
    void this.read().then((next) => {
      this.snapshot = next;
      for (const l of [...this.listeners]) l();
    });
  }

  private async read(): Promise<FollowerSnapshot<R>> {
    try {
      const { runIds } = this.options.tracker;
      const runs = await Promise.all(runIds.map((id) => this.options.finishedRun(id)));
      return { state: 'ended', report: await this.options.toReport(runs) };
    } catch (e) {
      return { state: 'failed', error: `Could not read the report: ${messageOf(e)}` };
    }
  }
}
