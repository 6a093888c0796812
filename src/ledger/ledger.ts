import type { RunRecord } from '../engine/runState';

/** Where runs live between reloads. Records never contain the token (it is not in RunRecord). */
export type Ledger = {
  /** Writes the run record (chunks, outcomes, timings). */
  save(run: RunRecord): Promise<void>;
  /** Writes the frozen ids once, apart from the record that changes often. */
  saveIds(runId: string, ids: readonly string[]): Promise<void>;
  /**
   * Writes one chunk's "before" snapshots (for Undo) once, apart from the record: rewriting
   * 100,000 snapshots after every state change would make each write O(run size).
   */
  saveBefore(runId: string, chunk: number, entries: Record<string, unknown>): Promise<void>;
  load(runId: string): Promise<{ run: RunRecord; ids: readonly string[] } | undefined>;
  /** Every run, newest first. */
  list(): Promise<RunRecord[]>;
  discard(runId: string): Promise<void>;
};

/** Finds runs by the ids they froze (an IndexedDB multi-entry index). */
export type RunIndex = {
  /** Ids of the runs whose frozen ids include `entityId`, in no particular order. */
  runsTouching(entityId: string): Promise<string[]>;
};

/** An in-memory ledger with the same copy semantics as IndexedDB (tests, bench). */
export class MemoryLedger implements Ledger, RunIndex {
  private runs = new Map<string, RunRecord>();
  private ids = new Map<string, readonly string[]>();
  private before = new Map<string, Map<number, Record<string, unknown>>>();

  async save(run: RunRecord): Promise<void> {
    this.runs.set(run.id, structuredClone(recordWithoutBefore(run)));
  }
  async saveBefore(runId: string, chunk: number, entries: Record<string, unknown>) {
    const chunks = this.before.get(runId) ?? new Map<number, Record<string, unknown>>();
    chunks.set(chunk, structuredClone(entries));
    this.before.set(runId, chunks);
  }
  async saveIds(runId: string, ids: readonly string[]): Promise<void> {
    this.ids.set(runId, [...ids]);
  }
  async load(runId: string) {
    const run = this.runs.get(runId);
    const ids = this.ids.get(runId);
    if (!run || !ids) return undefined;
    const loaded = structuredClone(run);
    mergeBefore(loaded, this.before.get(runId)?.values() ?? []);
    return { run: loaded, ids };
  }
  async list(): Promise<RunRecord[]> {
    return [...this.runs.values()]
      .map((r) => structuredClone(r))
      .sort((a, b) => b.createdAt - a.createdAt);
  }
  async runsTouching(entityId: string): Promise<string[]> {
    return [...this.ids].filter(([, ids]) => ids.includes(entityId)).map(([runId]) => runId);
  }
  async discard(runId: string): Promise<void> {
    this.runs.delete(runId);
    this.ids.delete(runId);
    this.before.delete(runId);
  }
}

/** The record as stored: `before` is kept as an empty marker ("Undo snapshots are on"). */
export function recordWithoutBefore(run: RunRecord): RunRecord {
  return run.before ? { ...run, before: {} } : run;
}

export function mergeBefore(run: RunRecord, chunks: Iterable<Record<string, unknown>>): void {
  if (!run.before) return;
  for (const entries of chunks) Object.assign(run.before, entries);
}

/**
 * Persists a run after every state change without queueing a write per change: while a write
 * is in flight, further changes only mark the run dirty, and one more write follows.
 */
export class RunPersister {
  private writing: Promise<void> | undefined;
  private dirty = false;
  lastError: unknown;

  constructor(
    private readonly ledger: Ledger,
    private readonly run: RunRecord,
    private readonly now: () => number,
  ) {}

  touch(): void {
    this.dirty = true;
    if (!this.writing) this.writing = this.drain();
  }

  private async drain(): Promise<void> {
    while (this.dirty) {
      this.dirty = false;
      this.run.updatedAt = this.now();
      try {
        await this.ledger.save(this.run);
      } catch (error) {
        // A full disk must not stop the run; the UI can show lastError.
        this.lastError = error;
      }
    }
    this.writing = undefined;
  }

  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }
}
