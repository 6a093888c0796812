import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { RunRecord } from '../engine/runState';
import { mergeBefore, recordWithoutBefore, type Ledger, type RunIndex } from './ledger';

export const LEDGER_DB_NAME = 'datocms-bulk-actions-ledger';
/** 2: index `byEntityId` on runIds (which runs touched an asset or a record). */
export const LEDGER_DB_VERSION = 2;

interface LedgerSchema extends DBSchema {
  /** One record per run; rewritten after each state change. */
  runs: { key: string; value: RunRecord; indexes: { byCreatedAt: number } };
  /** The frozen ids of a run, written once (up to 100,000 strings). */
  runIds: {
    key: string;
    value: { runId: string; ids: string[] };
    indexes: { byEntityId: string };
  };
  /** Per-chunk "before" snapshots for Undo, written once per chunk before it is submitted. */
  runBefore: {
    key: [string, number];
    value: { runId: string; chunk: number; entries: Record<string, unknown> };
    indexes: { byRun: string };
  };
}

export class IndexedDbLedger implements Ledger, RunIndex {
  private constructor(private readonly db: IDBPDatabase<LedgerSchema>) {}

  /** Opens (or creates) the ledger database of this browser profile. */
  static async open(name = LEDGER_DB_NAME): Promise<IndexedDbLedger> {
    const db = await openDB<LedgerSchema>(name, LEDGER_DB_VERSION, {
      upgrade(database, oldVersion, _newVersion, tx) {
        if (oldVersion < 1) {
          const runs = database.createObjectStore('runs', { keyPath: 'id' });
          runs.createIndex('byCreatedAt', 'createdAt');
          database.createObjectStore('runIds', { keyPath: 'runId' });
          database
            .createObjectStore('runBefore', { keyPath: ['runId', 'chunk'] })
            .createIndex('byRun', 'runId');
        }
        if (oldVersion < 2) {
          // One index entry per frozen id: "runs that touched this asset" is a key lookup.
          tx.objectStore('runIds').createIndex('byEntityId', 'ids', { multiEntry: true });
        }
      },
    });
    // A frame running this version must let a newer one upgrade the database, or the new
    // frames would wait for it forever: it closes its connection when asked.
    db.addEventListener('versionchange', () => db.close());
    return new IndexedDbLedger(db);
  }

  async save(run: RunRecord): Promise<void> {
    await this.db.put('runs', recordWithoutBefore(run));
  }

  async saveBefore(runId: string, chunk: number, entries: Record<string, unknown>) {
    await this.db.put('runBefore', { runId, chunk, entries });
  }

  async saveIds(runId: string, ids: readonly string[]): Promise<void> {
    await this.db.put('runIds', { runId, ids: [...ids] });
  }

  async load(runId: string) {
    const tx = this.db.transaction(['runs', 'runIds', 'runBefore']);
    const [run, ids, before] = await Promise.all([
      tx.objectStore('runs').get(runId),
      tx.objectStore('runIds').get(runId),
      tx.objectStore('runBefore').index('byRun').getAll(runId),
    ]);
    await tx.done;
    if (!run || !ids) return undefined;
    mergeBefore(
      run,
      before.map((b) => b.entries),
    );
    return { run, ids: ids.ids };
  }

  async list(): Promise<RunRecord[]> {
    const runs = await this.db.getAllFromIndex('runs', 'byCreatedAt');
    return runs.reverse();
  }

  async runsTouching(entityId: string): Promise<string[]> {
    return this.db.getAllKeysFromIndex('runIds', 'byEntityId', entityId);
  }

  async discard(runId: string): Promise<void> {
    const tx = this.db.transaction(['runs', 'runIds', 'runBefore'], 'readwrite');
    const beforeKeys = await tx.objectStore('runBefore').index('byRun').getAllKeys(runId);
    await Promise.all([
      ...beforeKeys.map((key) => tx.objectStore('runBefore').delete(key)),
      tx.objectStore('runs').delete(runId),
      tx.objectStore('runIds').delete(runId),
      tx.done,
    ]);
  }

  close(): void {
    this.db.close();
  }
}
