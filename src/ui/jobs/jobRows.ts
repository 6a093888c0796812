/** Pure helpers of the jobs panel: a run record's counts and state, without its frozen ids. */
import { findAction } from '../../actions/catalog';
import { actionAvailability, type MenuContext } from '../../actions/menu';
import type { RunCounts, RunRecord } from '../../engine/runState';

/**
 * What the panel calls a run:
 * - running: a boot frame holds its lock (or reports it active);
 * - starting: marked running, not locked yet, created moments ago (the start is in flight);
 * - interrupted: marked running, and no live frame executes it (its tab reloaded or closed),
 *   or the engine stopped it early (token rejected): Resume continues it;
 * - done / cancelled: ended.
 */
export type JobState = 'starting' | 'running' | 'interrupted' | 'done' | 'cancelled';

export type JobRow = {
  readonly runId: string;
  readonly operationId: string;
  readonly label: string;
  readonly state: JobState;
  readonly counts: RunCounts;
  readonly createdAt: number;
  readonly kind: 'run' | 'retry' | 'undo';
  readonly error: string | null;
};

/** Counts from the chunk records alone: a done chunk's outcome covers its ids but the exceptions. */
export function countsFromChunks(run: RunRecord): RunCounts {
  const counts: RunCounts = {
    succeeded: 0,
    failed: 0,
    skipped: 0,
    not_run: 0,
    pending: 0,
    total: run.total,
  };
  for (const outcome of Object.values(run.skippedAtResolution)) counts[outcome.state]++;
  for (const chunk of run.chunks) {
    const size = chunk.end - chunk.start;
    if (chunk.state !== 'done' || !chunk.outcome) {
      counts.pending += size;
      continue;
    }
    const exceptions = Object.values(chunk.exceptions ?? {});
    for (const outcome of exceptions) counts[outcome.state]++;
    counts[chunk.outcome.state] += size - exceptions.length;
  }
  return counts;
}

/** How long an unlocked run marked running counts as starting rather than interrupted. */
export const START_GRACE_MS = 5000;

export type LiveFacts = {
  /** Runs whose lock a live frame holds. */
  readonly held: ReadonlySet<string>;
  /** Runs boot frames reported active (answers to `hello`). */
  readonly active: ReadonlySet<string>;
  readonly now: number;
  /** How long an unlocked run counts as "starting" after it was created (or resumed). */
  readonly startGraceMs: number;
  /** When this frame last asked a boot frame to resume the run. */
  readonly resumedAt?: ReadonlyMap<string, number>;
  /** Runs whose end this frame heard over the channel before the ledger says so. */
  readonly ended?: ReadonlyMap<string, 'done' | 'cancelled'>;
};

export function jobStateOf(run: RunRecord, live: LiveFacts): JobState {
  const heardEnd = live.ended?.get(run.id);
  if (heardEnd && (run.status === 'running' || run.status === 'cancelling')) return heardEnd;
  // The sealed record's end wins over a lock: any frame of the origin can hold a lock name it saw.
  if (run.status === 'done' || run.status === 'cancelled') return run.status;
  if (live.held.has(run.id) || live.active.has(run.id)) return 'running';
  const since = Math.max(run.createdAt, live.resumedAt?.get(run.id) ?? 0);
  switch (run.status) {
    case 'interrupted':
      return live.now - since < live.startGraceMs && since > run.createdAt
        ? 'starting'
        : 'interrupted';
    case 'running':
    case 'cancelling':
      return live.now - since < live.startGraceMs ? 'starting' : 'interrupted';
  }
}

export function actionLabel(operationId: string): string {
  return findAction(operationId)?.title ?? operationId;
}

export function toRow(run: RunRecord, live: LiveFacts): JobRow {
  return {
    runId: run.id,
    operationId: run.operationId,
    label: actionLabel(run.operationId),
    state: jobStateOf(run, live),
    counts: countsFromChunks(run),
    createdAt: run.createdAt,
    kind: run.undoOf ? 'undo' : run.retryOf ? 'retry' : 'run',
    error: run.error ?? null,
  };
}

/** "3 succeeded, 1 failed" (zeros left out, except succeeded). */
export function outcomeSummary(counts: RunCounts): string {
  const parts = [`${counts.succeeded} succeeded`];
  if (counts.failed) parts.push(`${counts.failed} failed`);
  if (counts.skipped) parts.push(`${counts.skipped} skipped`);
  if (counts.not_run) parts.push(`${counts.not_run} not run`);
  return parts.join(', ');
}

export function canRetry(row: JobRow): boolean {
  return (
    (row.state === 'done' || row.state === 'cancelled') &&
    row.counts.failed + row.counts.not_run > 0
  );
}

/** Why the current role may not start a new run of this row's action, or null if it may. */
export function retryBlockedBecause(
  row: Pick<JobRow, 'operationId'>,
  context: Omit<MenuContext, 'itemTypeId'>,
): string | null {
  const action = findAction(row.operationId);
  if (!action) return 'this action no longer exists';
  if (!context.parameters.enabledActions[action.id])
    return 'this action is switched off in the settings';
  // Record runs may span models; the role's unbound rules decide here, the CMA decides per item.
  const availability = actionAvailability(action, context);
  return availability.available ? null : availability.reason;
}

/**
 * Why the boot frame must not execute this run now (the role, the settings), or null. An undo
 * runs the inverse operation of an action the user could run: it needs the role's permission for
 * that operation, not the inverse action switched on in the settings.
 */
export function runBlockedBecause(
  run: Pick<RunRecord, 'operationId' | 'undoOf'>,
  context: Omit<MenuContext, 'itemTypeId'>,
): string | null {
  const action = findAction(run.operationId);
  if (!action) return 'this action no longer exists';
  if (!run.undoOf) return retryBlockedBecause(run, context);
  const availability = actionAvailability(action, context);
  return availability.available ? null : availability.reason;
}
