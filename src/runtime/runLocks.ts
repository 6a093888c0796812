/**
 * Which runs a live boot frame is executing, told by Web Locks: a boot frame holds the run's lock
 * while it runs it, and the browser releases it when the frame dies (reload, closed tab). So a run
 * marked running in the ledger whose lock nobody holds was interrupted, and two tabs can never
 * execute the same run at once.
 *
 * Lock names are `<scope lock prefix><run tag>`: keyed by the scope's keyring, so no other plugin
 * can take a run's lock before it exists. Any frame of the origin can list held locks and take a
 * name it saw (`steal`); the holder is then told (`lost`) and stops sending chunks, since another
 * frame might now believe the run is free. That costs the run, never a second execution.
 */
import type { Keyring } from './keyring';

export type RunLocks = {
  /**
   * Runs `fn` holding the run's lock; resolves `{ held: false }` at once if another holds it.
   * `lost` aborts if the lock is taken away while `fn` runs.
   */
  withRunLock<T>(
    runId: string,
    fn: (lost: AbortSignal) => Promise<T>,
  ): Promise<{ held: true; value: T } | { held: false }>;
  /** Which of `runIds` some frame of the plugin holds the lock of now. */
  heldRunIds(runIds: readonly string[]): Promise<Set<string>>;
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
export function browserRunLocks(keyring: Keyring | Promise<Keyring>): RunLocks {
  const nameOf = async (runId: string) => {
    const k = await keyring;
    return k.lockPrefix + (await k.runTag(runId));
  };
  return {
    async withRunLock<T>(runId: string, fn: (lost: AbortSignal) => Promise<T>) {
      const locks = lockManager();
      const lost = new AbortController();
      if (!locks) return { held: true, value: await fn(lost.signal) };
      const name = await nameOf(runId);
      type Outcome = { held: true; value: T } | { held: false };
      let body: Promise<Outcome> | undefined;
      const request = locks.request<Outcome>(name, { ifAvailable: true }, async (lock) => {
        if (!lock) return { held: false };
        body = fn(lost.signal).then((value): Outcome => ({ held: true, value }));
        return body;
      });
      try {
        return await request;
      } catch (error) {
        // A stolen lock rejects the request while `fn` still runs: tell it, and wait for it.
        if (!body) throw error;
        lost.abort();
        return body;
      }
    },
    async heldRunIds(runIds) {
      const locks = lockManager();
      if (!locks || runIds.length === 0) return new Set();
      const { held = [] } = await locks.query();
      const names = new Set(held.map((l) => l.name ?? ''));
      const out = new Set<string>();
      for (const runId of runIds) if (names.has(await nameOf(runId))) out.add(runId);
      return out;
    },
  };
}

/** In-memory locks for tests: one "browser", several frames. */
export function memoryRunLocks(): RunLocks & { steal(runId: string): void } {
  const held = new Map<string, AbortController>();
  return {
    async withRunLock(runId, fn) {
      if (held.has(runId)) return { held: false };
      const lost = new AbortController();
      held.set(runId, lost);
      try {
        return { held: true, value: await fn(lost.signal) };
      } finally {
        if (held.get(runId) === lost) held.delete(runId);
      }
    },
    heldRunIds: async (runIds) => new Set(runIds.filter((id) => held.has(id))),
    steal(runId) {
      held.get(runId)?.abort();
      held.delete(runId);
    },
  };
}
