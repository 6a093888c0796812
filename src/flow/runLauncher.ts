/**
 * Starts runs in a boot frame and follows them, framework-free (no React, no SDK): prepare,
 * start, resume, retry failed, undo. Every modal that launches runs goes through here, so the
 * rules (subscribe before starting, an undo covers the retries' parents) live in one place.
 */
import {
  planUndo,
  prepareRun,
  retryFailed,
  undoRun,
  type BulkRun,
  type EngineDeps,
  type PrepareOptions,
} from '../engine/run';
import type { RunChannel } from '../runtime/channel';
import type { RunStartSettings } from '../runtime/messages';
import { buildReport } from '../ui/bulk/report';
import { RunTracker, type TrackedRun } from '../ui/bulk/runTracker';
import { undoChain } from './runUndoChain';

export type RunLauncherOptions = {
  /** The engine's dependencies (CMA client, clock, this scope's ledger). */
  readonly engine: () => Promise<EngineDeps>;
  readonly channel: RunChannel;
  /** The boot frame that executes the runs ('' for a launcher that only follows). */
  readonly bootId: string;
};

export class RunLauncher {
  constructor(private readonly options: RunLauncherOptions) {}

  /** Prepares a run in the shared ledger (start it with `start`). */
  async prepare(options: PrepareOptions): Promise<BulkRun> {
    return prepareRun(await this.options.engine(), options);
  }

  /** Asks the boot frame to execute prepared runs; the tracker is subscribed first. */
  async start(runs: readonly BulkRun[], settings: RunStartSettings): Promise<RunTracker> {
    if (runs.length === 0) throw new Error('There is nothing to run.');
    const tracker = await this.follow(
      runs.map((r) => ({ runId: r.id, total: r.record.total, chunks: r.record.chunks.length })),
    );
    for (const run of runs) this.post(run.id, settings);
    return tracker;
  }

  /** Follows runs already executing (or about to): progress events, and the ledger now and then. */
  async follow(runs: readonly TrackedRun[]): Promise<RunTracker> {
    const ledger = (await this.options.engine()).ledger;
    return new RunTracker({
      channel: this.options.channel,
      runs,
      statusOf: async (runId) => (await ledger.load(runId))?.run.status,
    });
  }

  /** Continues an interrupted run from the ledger (jobs already submitted are checked, not resent). */
  async resume(runId: string, settings: RunStartSettings): Promise<RunTracker> {
    const stored = await (await this.options.engine()).ledger.load(runId);
    const tracker = await this.follow([
      { runId, total: stored?.run.total ?? 0, chunks: stored?.run.chunks.length ?? 0 },
    ]);
    this.post(runId, { jobsInFlight: settings.jobsInFlight });
    return tracker;
  }

  /** New runs over what failed or was not run in `runIds`. */
  async retry(runIds: readonly string[], settings: RunStartSettings): Promise<RunTracker> {
    const deps = await this.options.engine();
    const runs: BulkRun[] = [];
    for (const runId of runIds) {
      const stored = await deps.ledger.load(runId);
      if (!stored) continue;
      const c = buildReport(stored.run, stored.ids).counts;
      if (c.failed + c.not_run > 0) runs.push(await retryFailed(deps, runId, settings));
    }
    return this.start(runs, settings);
  }

  /**
   * The runs an Undo of `runIds` reverts: each run and the runs it retried, newest first (a
   * retry changed only what its parent failed on, so undoing it alone would leave the rest).
   */
  async undoCovers(runIds: readonly string[]): Promise<string[]> {
    const ledger = (await this.options.engine()).ledger;
    const out: string[] = [];
    for (const runId of runIds)
      for (const id of await undoChain(ledger, runId)) if (!out.includes(id)) out.push(id);
    return out;
  }

  async canUndo(runIds: readonly string[]): Promise<boolean> {
    const deps = await this.options.engine();
    for (const runId of await this.undoCovers(runIds))
      if ((await planUndo(deps, runId)).length > 0) return true;
    return false;
  }

  /** Reverts `runIds` and the runs they retried. */
  async undo(runIds: readonly string[], settings: RunStartSettings): Promise<RunTracker> {
    const deps = await this.options.engine();
    const runs: BulkRun[] = [];
    for (const runId of await this.undoCovers(runIds))
      runs.push(...(await undoRun(deps, runId, settings)));
    return this.start(runs, settings);
  }

  private post(runId: string, settings: RunStartSettings): void {
    this.options.channel.post({ kind: 'start', bootId: this.options.bootId, runId, settings });
  }
}
