import type { RunLocks } from '../../runtime/runLocks';

export type WaitForRunLockOptions = {
  readonly locks: Pick<RunLocks, 'heldRunIds'>;
  /** Until when the lock may still come (e.g. the run's last write + the start grace). */
  readonly until: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly pollMs?: number;
};

/**
 * Whether a live frame holds the run's lock, waiting for it until `until`: a run that was just
 * started or resumed is marked running before its boot frame takes the lock, and calling it
 * interrupted in that moment would offer a needless Resume.
 */
export async function waitForRunLock(
  runId: string,
  options: WaitForRunLockOptions,
): Promise<boolean> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms)));
  const pollMs = options.pollMs ?? 250;
  for (;;) {
    if ((await options.locks.heldRunIds([runId])).has(runId)) return true;
    const left = options.until - now();
    if (left <= 0) return false;
    await sleep(Math.min(pollMs, left));
  }
}
