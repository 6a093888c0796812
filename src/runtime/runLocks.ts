/**
 * Which runs a live boot frame is executing, told by Web Locks: a boot frame holds the lock
 * `bulk-actions-run:<runId>` while it runs one, and the browser releases it when the frame dies
 * (reload, closed tab). So a run marked running in the ledger whose lock nobody holds was
 * interrupted, and two tabs can never execute the same run at once.
 */
export const RUN_LOCK_PREFIX = 'bulk-actions-run:';

export type RunLocks = {
  /** Runs `fn` holding the run's lock; resolves `{ held: false }` at once if another holds it. */
  withRunLock<T>(
    runId: string,
    fn: () => Promise<T>,
  ): Promise<{ held: true; value: T } | { held: false }>;
  /** The ids of the runs whose lock some frame of the plugin holds now. */
  heldRunIds(): Promise<Set<string>>;
};

type LockManagerLike = {
  request<T>(
    name: string,
    options: { ifAvailable: boolean },
    callback: (lock: unknown) => Promise<T>,
  ): Promise<T>;
  query(): Promise<{ held?: { name?: string }[] }>;
};

function lockManager(): LockManagerLike | undefined {
  return (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks;
}

/** Web Locks when the browser has them; otherwise no cross-tab guard (and nothing is held). */
export function browserRunLocks(): RunLocks {
  return {
    async withRunLock(runId, fn) {
      const locks = lockManager();
      if (!locks) return { held: true, value: await fn() };
      return locks.request(RUN_LOCK_PREFIX + runId, { ifAvailable: true }, async (lock) =>
        lock ? { held: true as const, value: await fn() } : { held: false as const },
      );
    },
    async heldRunIds() {
      const locks = lockManager();
      if (!locks) return new Set();
      const { held = [] } = await locks.query();
      return new Set(
        held
          .map((l) => l.name ?? '')
          .filter((name) => name.startsWith(RUN_LOCK_PREFIX))
          .map((name) => name.slice(RUN_LOCK_PREFIX.length)),
      );
    },
  };
}

/** In-memory locks for tests: one "browser", several frames. */
export function memoryRunLocks(): RunLocks {
  const held = new Set<string>();
  return {
    async withRunLock(runId, fn) {
      if (held.has(runId)) return { held: false };
      held.add(runId);
      try {
        return { held: true, value: await fn() };
      } finally {
        held.delete(runId);
      }
    },
    heldRunIds: async () => new Set(held),
  };
}
