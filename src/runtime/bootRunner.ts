/**
 * The runs of one tab, executed in the boot frame so that they outlive the modal that started
 * them and any navigation inside the CMS. Lazy-loaded: it brings the engine and the CMA client.
 */
import { findAction } from '../actions/catalog';
import type { CmaAccess } from '../cma/access';
import { createEngineClient } from '../cma/engineClient';
import { systemClock, type Clock } from '../engine/clock';
import { resumeRun, type BulkRun, type EngineDeps } from '../engine/run';
import { loadOperation } from '../operations/loadOperation';
import type { RunRecord } from '../engine/runState';
import type { Ledger } from '../ledger/ledger';
import type { Runner } from './bootHost';
import type { RunChannel } from './channel';
import type { ActiveRunSummary, RunStartSettings } from './messages';
import type { RunLocks } from './runLocks';

export type BootRunnerOptions = {
  /** Read at each start: the boot frame's ctx changes (role, token) without a reload. */
  readonly getAccess: () => CmaAccess;
  readonly channel: RunChannel;
  readonly ledger: Ledger;
  readonly clock?: Clock;
  /** Told once per run when it ends (done or cancelled), e.g. to show a toast. */
  readonly onFinished?: (summary: ActiveRunSummary, sentence: string) => void;
  /** Cross-frame run locks (Web Locks of the scope in the browser). */
  readonly locks: RunLocks;
  /**
   * Asked before every run is executed, with the current role, settings and environment: why it
   * may not run now, or null. A stored record is authentic (sealed by our keyring) but may be
   * older than a settings change or a role change, so it is never trusted for that.
   */
  readonly authorize: (run: RunRecord) => string | null;
  /** Engine overrides for tests (retry policy, …). */
  readonly engine?: Partial<Omit<EngineDeps, 'api' | 'ledger' | 'clock' | 'loadOperation'>>;
};

function summarize(run: BulkRun): ActiveRunSummary {
  return {
    runId: run.id,
    operationId: run.record.operationId,
    status: run.record.status,
    total: run.record.total,
    counts: run.counts(),
  };
}

/** "Add tags finished: 347 succeeded, 2 failed, 1 skipped." */
export function finishedSentence(summary: ActiveRunSummary): string {
  const label = findAction(summary.operationId)?.title ?? summary.operationId;
  const c = summary.counts;
  const parts = [`${c.succeeded} succeeded`];
  if (c.failed) parts.push(`${c.failed} failed`);
  if (c.skipped) parts.push(`${c.skipped} skipped`);
  if (c.not_run) parts.push(`${c.not_run} not run`);
  const verb = summary.status === 'cancelled' ? 'was cancelled' : 'finished';
  return `${label} ${verb}: ${parts.join(', ')}.`;
}

export function createBootRunner(options: BootRunnerOptions): Runner {
  const clock = options.clock ?? systemClock;
  // One engine client per token, so learned job timing and the rate budget carry across runs.
  let current: { token: string; deps: EngineDeps } | undefined;
  const depsFor = (access: CmaAccess): EngineDeps => {
    if (current?.token !== access.apiToken) {
      current = {
        token: access.apiToken,
        deps: {
          ...options.engine,
          api: createEngineClient(access, { clock }),
          loadOperation,
          clock,
          ledger: options.ledger,
        },
      };
    }
    return current.deps;
  };
  const runs = new Map<string, BulkRun>();
  const starting = new Map<string, Promise<void>>();
  // A cancel may arrive while the run is still being loaded from the ledger.
  const cancelRequested = new Set<string>();

  const locks = options.locks;

  async function execute(runId: string, settings: RunStartSettings): Promise<void> {
    // Held while the run executes: another tab (or a Resume pressed twice) cannot run it too,
    // and a frame that dies releases it, which is how panels tell an interrupted run.
    await locks.withRunLock(runId, (lost) => executeLocked(runId, settings, lost));
  }

  async function executeLocked(
    runId: string,
    settings: RunStartSettings,
    lost: AbortSignal,
  ): Promise<void> {
    // A resume that arrives after the run ended elsewhere has nothing to do.
    const stored = await options.ledger.load(runId);
    if (!stored) throw new Error(`No run ${runId} in the ledger.`);
    if (stored.run.status === 'done' || stored.run.status === 'cancelled') return;
    const refused = options.authorize(stored.run);
    if (refused) throw new Error(`This run was not started: ${refused}.`);
    // The modal prepared the run (frozen ids, chunks) in the shared ledger; continue from there.
    // The same path resumes a run whose boot frame died (a reload) from its last saved state.
    const run = await resumeRun(depsFor(options.getAccess()), runId, settings);
    runs.set(runId, run);
    if (cancelRequested.delete(runId)) run.cancel();
    // Our lock was taken (another frame may think the run is free): stop sending chunks.
    if (lost.aborted) run.cancel();
    else lost.addEventListener('abort', () => run.cancel());
    const unsubscribe = run.events.subscribe((event) =>
      options.channel.post({ kind: 'event', runId, event }),
    );
    try {
      await run.start();
    } finally {
      unsubscribe();
      runs.delete(runId);
    }
    const summary = summarize(run);
    options.onFinished?.(summary, finishedSentence(summary));
  }

  return {
    start(runId, settings) {
      // A repeated start (a re-sent message) joins the run instead of running it twice.
      let promise = starting.get(runId);
      if (!promise) {
        promise = execute(runId, settings).finally(() => starting.delete(runId));
        starting.set(runId, promise);
      }
      return promise;
    },
    cancel(runId) {
      const run = runs.get(runId);
      if (run) run.cancel();
      else if (starting.has(runId)) cancelRequested.add(runId);
    },
    active() {
      return [...runs.values()].map(summarize);
    },
  };
}
