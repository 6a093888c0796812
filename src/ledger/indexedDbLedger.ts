/**
 * The ledger in IndexedDB, sealed with the scope's keyring. Our origin is shared with every other
 * marketplace plugin, so what is stored is unreadable and unforgeable without the user's token:
 * - one database per scope (site, environment, installation, token), named from the keyring's tag;
 * - every value is AES-GCM sealed, bound (additional data) to its store and row, so a row cannot
 *   be moved to another run or chunk, and a record names its scope, checked on every read;
 * - rows are keyed by keyed tags of the run ids, and "runs that touched this id" is an index of
 *   keyed tags of the entity ids: no id, name or input is stored in the clear.
 * Rows that do not open (written by someone else, or damaged) are left out and removed by
 * `applyRetention`. A database someone else created or changed under our name is skipped for the
 * next name of the keyring (see `openLedgerDatabase`).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { RunRecord } from '../engine/runState';
import type { Keyring, RunScope, Sealed } from '../runtime/keyring';
import { isSealed, STORAGE_PREFIX } from '../runtime/keyring';
import { mergeBefore, recordWithoutBefore, type Ledger, type RunIndex } from './ledger';

export const LEDGER_DB_VERSION = 1;
/** The unscoped, unencrypted database of versions before 0.2 (removed, see `removeLegacyLedger`). */
export const LEGACY_LEDGER_DB_NAME = 'datocms-bulk-actions-ledger';
const LEGACY_LOCK_PREFIX = 'bulk-actions-run:';

interface LedgerSchema extends DBSchema {
  /** One sealed record per run; rewritten after each state change. */
  runs: { key: string; value: { k: string; v: Sealed } };
  /** The sealed frozen ids of a run (written once) and their keyed tags, indexed. */
  ids: { key: string; value: { k: string; v: Sealed; t: string[] }; indexes: { byEntity: string } };
  /** Sealed per-chunk "before" snapshots for Undo, written once per chunk. */
  before: {
    key: [string, number];
    value: { k: string; c: number; v: Sealed };
    indexes: { byRun: string };
  };
  /** `touchedAt` (day precision, in the clear): lets retention find databases nobody uses. */
  meta: { key: string; value: { k: string; touchedAt: number } };
}

type Stored = { scope: RunScope; run: RunRecord };

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const DAY_MS = 86_400_000;

/** Runs whose last change is older than this are deleted (docs/security.md, "Retention"). */
export const RETENTION_MS = 30 * DAY_MS;
/** At most this many finished runs are kept per scope; older ones are deleted. */
export const RETENTION_MAX_FINISHED = 50;

function sameScope(a: RunScope, b: RunScope): boolean {
  return a.siteId === b.siteId && a.environment === b.environment && a.pluginId === b.pluginId;
}

const EXPECTED: Record<string, { keyPath: string | string[]; indexes: Record<string, string> }> = {
  runs: { keyPath: 'k', indexes: {} },
  ids: { keyPath: 'k', indexes: { byEntity: 't' } },
  before: { keyPath: ['k', 'c'], indexes: { byRun: 'k' } },
  meta: { keyPath: 'k', indexes: {} },
};

/** Whether an open database has exactly our stores, key paths and indexes. */
function hasOurSchema(db: IDBPDatabase<LedgerSchema>): boolean {
  const names = [...db.objectStoreNames];
  if (names.length !== Object.keys(EXPECTED).length) return false;
  try {
    const tx = db.transaction(names as ('runs' | 'ids' | 'before' | 'meta')[]);
    for (const [name, want] of Object.entries(EXPECTED)) {
      const store = tx.objectStore(name as 'runs');
      if (JSON.stringify(store.keyPath) !== JSON.stringify(want.keyPath)) return false;
      const indexes = [...store.indexNames];
      if (indexes.length !== Object.keys(want.indexes).length) return false;
      for (const [index, keyPath] of Object.entries(want.indexes)) {
        if (!indexes.includes(index as never)) return false;
        if (store.index(index as never).keyPath !== keyPath) return false;
      }
    }
    return true;
  } catch {
    return false;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e instanceof Error ? e : new Error(String(e)))),
    );
  });
}

export const LEDGER_UNUSABLE_MESSAGE =
  'The browser’s storage for bulk runs cannot be used (it may be full, or another plugin broke it). Runs cannot be saved.';

/**
 * Opens the scope's database: the first of the keyring's names that opens at our version with our
 * schema. A name someone else created first (another schema, a higher version) or holds blocked is
 * skipped; every frame walks the same names with the same test, so they agree.
 */
export async function openLedgerDatabase(
  keyring: Keyring,
  attempts = 4,
): Promise<IDBPDatabase<LedgerSchema>> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    let db: IDBPDatabase<LedgerSchema> | undefined;
    try {
      db = await withTimeout(
        openDB<LedgerSchema>(keyring.ledgerName(attempt), LEDGER_DB_VERSION, {
          upgrade(database, oldVersion) {
            if (oldVersion !== 0) return; // not ours: left as it is, and refused below
            database.createObjectStore('runs', { keyPath: 'k' });
            database
              .createObjectStore('ids', { keyPath: 'k' })
              .createIndex('byEntity', 't', { multiEntry: true });
            database.createObjectStore('before', { keyPath: ['k', 'c'] }).createIndex('byRun', 'k');
            database.createObjectStore('meta', { keyPath: 'k' });
          },
        }),
        5_000,
      );
    } catch {
      continue; // VersionError (someone upgraded it), blocked, or unavailable: next name
    }
    if (hasOurSchema(db)) return db;
    db.close();
  }
  throw new Error(LEDGER_UNUSABLE_MESSAGE);
}

export class IndexedDbLedger implements Ledger, RunIndex {
  private db: Promise<IDBPDatabase<LedgerSchema>> | undefined;
  /** Entity lookups already checked against the run's sealed ids (ids never change). */
  private readonly verified = new Map<string, boolean>();

  private constructor(
    private readonly keyring: Keyring,
    first: IDBPDatabase<LedgerSchema>,
  ) {
    this.db = Promise.resolve(this.watch(first));
  }

  /** Opens (or creates) the scope's ledger. */
  static async open(keyring: Keyring): Promise<IndexedDbLedger> {
    return new IndexedDbLedger(keyring, await openLedgerDatabase(keyring));
  }

  get scope(): RunScope {
    return this.keyring.scope;
  }

  private watch(db: IDBPDatabase<LedgerSchema>): IDBPDatabase<LedgerSchema> {
    // Someone upgrading or deleting the database: let go of it and open again on the next use.
    const release = () => {
      db.close();
      this.db = undefined;
    };
    db.addEventListener('versionchange', release);
    db.addEventListener('close', release);
    return db;
  }

  private database(): Promise<IDBPDatabase<LedgerSchema>> {
    this.db ??= openLedgerDatabase(this.keyring).then((db) => this.watch(db));
    this.db.catch(() => (this.db = undefined));
    return this.db;
  }

  private async seal(aad: unknown[], value: unknown): Promise<Sealed> {
    const bytes = encoder.encode(JSON.stringify(value));
    return this.keyring.seal('ledger', bytes, JSON.stringify(aad));
  }

  /** The value, or undefined when the row does not open with our key and place. */
  private async unseal<T>(aad: unknown[], sealed: unknown): Promise<T | undefined> {
    if (!isSealed(sealed)) return undefined;
    try {
      const bytes = await this.keyring.open('ledger', sealed, JSON.stringify(aad));
      return JSON.parse(decoder.decode(bytes)) as T;
    } catch {
      return undefined;
    }
  }

  private async openRecord(k: string, sealed: unknown): Promise<RunRecord | undefined> {
    const stored = await this.unseal<Stored>(['runs', k], sealed);
    if (!stored || !sameScope(stored.scope, this.scope)) return undefined;
    return stored.run;
  }

  async save(run: RunRecord): Promise<void> {
    const k = await this.keyring.runTag(run.id);
    const v = await this.seal(['runs', k], {
      scope: this.scope,
      run: recordWithoutBefore(run),
    } satisfies Stored);
    const db = await this.database();
    const tx = db.transaction(['runs', 'meta'], 'readwrite');
    await Promise.all([
      tx.objectStore('runs').put({ k, v }),
      tx
        .objectStore('meta')
        .put({ k: 'meta', touchedAt: Math.floor(Date.now() / DAY_MS) * DAY_MS }),
      tx.done,
    ]);
  }

  async saveBefore(runId: string, chunk: number, entries: Record<string, unknown>) {
    const k = await this.keyring.runTag(runId);
    const v = await this.seal(['before', k, chunk], entries);
    await (await this.database()).put('before', { k, c: chunk, v });
  }

  async saveIds(runId: string, ids: readonly string[]): Promise<void> {
    const k = await this.keyring.runTag(runId);
    const [v, t] = await Promise.all([
      this.seal(['ids', k], ids),
      this.keyring.entityTags([...new Set(ids)]),
    ]);
    await (await this.database()).put('ids', { k, v, t });
  }

  async load(runId: string) {
    const k = await this.keyring.runTag(runId);
    const db = await this.database();
    const tx = db.transaction(['runs', 'ids', 'before']);
    const [row, idsRow, before] = await Promise.all([
      tx.objectStore('runs').get(k),
      tx.objectStore('ids').get(k),
      tx.objectStore('before').index('byRun').getAll(k),
    ]);
    await tx.done;
    if (!row || !idsRow) return undefined;
    const [run, ids] = await Promise.all([
      this.openRecord(k, row.v),
      this.unseal<string[]>(['ids', k], idsRow.v),
    ]);
    if (!run || run.id !== runId || !Array.isArray(ids)) return undefined;
    const chunks = await Promise.all(
      before.map((b) => this.unseal<Record<string, unknown>>(['before', k, b.c], b.v)),
    );
    mergeBefore(
      run,
      chunks.filter((c): c is Record<string, unknown> => !!c && typeof c === 'object'),
    );
    return { run, ids };
  }

  async list(): Promise<RunRecord[]> {
    const rows = await (await this.database()).getAll('runs');
    const runs = await Promise.all(rows.map((r) => this.openRecord(r.k, r.v)));
    return runs
      .filter((r): r is RunRecord => r !== undefined)
      .sort((a, b) => b.createdAt - a.createdAt);
  }

  async runsTouching(entityId: string): Promise<string[]> {
    const [tag] = await this.keyring.entityTags([entityId]);
    const db = await this.database();
    const keys = new Set(await db.getAllKeysFromIndex('ids', 'byEntity', tag!));
    if (keys.size === 0) return [];
    const out: string[] = [];
    for (const run of await this.list()) {
      const k = await this.keyring.runTag(run.id);
      if (!keys.has(k)) continue;
      // The tags are in the clear, so anyone could add ours to a row: believe the sealed ids.
      const memo = `${k}\n${entityId}`;
      let ok = this.verified.get(memo);
      if (ok === undefined) {
        const row = await db.get('ids', k);
        const ids = row && (await this.unseal<string[]>(['ids', k], row.v));
        ok = Array.isArray(ids) && ids.includes(entityId);
        this.verified.set(memo, ok);
      }
      if (ok) out.push(run.id);
    }
    return out;
  }

  async discard(runId: string): Promise<void> {
    await this.deleteRows(await this.keyring.runTag(runId));
  }

  private async deleteRows(k: string): Promise<void> {
    const db = await this.database();
    const tx = db.transaction(['runs', 'ids', 'before'], 'readwrite');
    const beforeKeys = await tx.objectStore('before').index('byRun').getAllKeys(k);
    await Promise.all([
      ...beforeKeys.map((key) => tx.objectStore('before').delete(key)),
      tx.objectStore('runs').delete(k),
      tx.objectStore('ids').delete(k),
      tx.done,
    ]);
  }

  /**
   * Deletes runs not changed for RETENTION_MS, finished runs beyond the newest
   * RETENTION_MAX_FINISHED, rows that do not open with our key, and orphaned ids and snapshots.
   * `isLive` says which runs a frame executes now: those are always kept.
   */
  async applyRetention(
    now: number,
    isLive: (runIds: readonly string[]) => Promise<Set<string>>,
  ): Promise<{ deleted: number }> {
    const db = await this.database();
    const rows = await db.getAll('runs');
    const opened = await Promise.all(
      rows.map(async (r) => ({ k: r.k, run: await this.openRecord(r.k, r.v) })),
    );
    const live = await isLive(opened.flatMap((o) => (o.run ? [o.run.id] : [])));
    const doomed = new Set<string>();
    let finished = 0;
    for (const { k, run } of opened.sort(
      (a, b) => (b.run?.createdAt ?? 0) - (a.run?.createdAt ?? 0),
    )) {
      if (!run) doomed.add(k);
      else if (live.has(run.id)) continue;
      else if (run.updatedAt < now - RETENTION_MS) doomed.add(k);
      else if (run.status === 'done' || run.status === 'cancelled') {
        if (++finished > RETENTION_MAX_FINISHED) doomed.add(k);
      }
    }
    const known = new Set(rows.map((r) => r.k));
    for (const k of await db.getAllKeys('ids')) if (!known.has(k)) doomed.add(k);
    for (const k of doomed) await this.deleteRows(k);
    return { deleted: doomed.size };
  }

  close(): void {
    void this.db?.then((db) => db.close());
    this.db = undefined;
  }
}

/**
 * Removes the database of versions before 0.2: unscoped and unencrypted, it cannot be told apart
 * from one another plugin wrote. Skipped while a frame of such a version still runs a run.
 */
export async function removeLegacyLedger(): Promise<void> {
  const locks = (
    globalThis.navigator as { locks?: { query(): Promise<{ held?: { name?: string }[] }> } }
  )?.locks;
  const held = locks ? ((await locks.query()).held ?? []) : [];
  if (held.some((l) => l.name?.startsWith(LEGACY_LOCK_PREFIX))) return;
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(LEGACY_LEDGER_DB_NAME);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

/** Every database of this plugin in this browser (all scopes), by name. */
export async function ledgerDatabaseNames(): Promise<string[]> {
  if (typeof indexedDB.databases !== 'function') return [];
  return (await indexedDB.databases())
    .map((d) => d.name ?? '')
    .filter((name) => name.startsWith(`${STORAGE_PREFIX}:ledger:`));
}
