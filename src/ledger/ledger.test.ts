import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { failed, SUCCEEDED } from '../engine/outcomes';
import { planChunks, type RunRecord } from '../engine/runState';
import { exportCsv, exportJson } from './export';
import { openDB } from 'idb';
import { TEST_SCOPE, testKeyring } from '../runtime/testing/testKeyring';
import {
  IndexedDbLedger,
  LEDGER_DB_VERSION,
  RETENTION_MAX_FINISHED,
  RETENTION_MS,
} from './indexedDbLedger';
import { MemoryLedger, RunPersister } from './ledger';

function record(id: string, createdAt: number, ids: string[]): RunRecord {
  return {
    id,
    operationId: 'uploads.addTags',
    input: { tags: ['x'] },
    createdAt,
    updatedAt: createdAt,
    status: 'running',
    chunkSize: 2,
    total: ids.length + 1,
    chunks: planChunks(ids.length, 2),
    skippedAtResolution: {
      gone: { state: 'skipped', code: 'NOT_FOUND', reason: 'It no longer exists.' },
    },
  };
}

describe('IndexedDbLedger (fake-indexeddb)', () => {
  it('saves, lists newest first, loads and discards runs; ids stored apart', async () => {
    const ledger = await IndexedDbLedger.open(await testKeyring('t-basic'));
    const a = record('a', 1, ['u1', 'u2', 'u3']);
    const b = record('b', 2, ['u4']);
    await ledger.saveIds('a', ['u1', 'u2', 'u3']);
    await ledger.save(a);
    await ledger.saveIds('b', ['u4']);
    await ledger.save(b);
    expect((await ledger.list()).map((r) => r.id)).toEqual(['b', 'a']);
    a.chunks[0]!.state = 'submitted';
    a.chunks[0]!.jobId = 'job-7';
    await ledger.save(a);
    const loaded = await ledger.load('a');
    expect(loaded?.ids).toEqual(['u1', 'u2', 'u3']);
    expect(loaded?.run.chunks[0]).toMatchObject({ state: 'submitted', jobId: 'job-7' });
    await ledger.discard('a');
    expect(await ledger.load('a')).toBeUndefined();
    expect((await ledger.list()).map((r) => r.id)).toEqual(['b']);
    ledger.close();
  });

  it('keeps Undo snapshots per chunk, apart from the record, and merges them on load', async () => {
    const ledger = await IndexedDbLedger.open(await testKeyring('t-before'));
    const run = { ...record('a', 1, ['u1', 'u2']), before: { u1: ['x'], u2: [] } };
    await ledger.saveIds('a', ['u1', 'u2']);
    await ledger.save(run);
    await ledger.saveBefore('a', 0, { u1: ['x'], u2: [] });
    expect((await ledger.list())[0]?.before).toEqual({});
    expect((await ledger.load('a'))?.run.before).toEqual({ u1: ['x'], u2: [] });
    await ledger.discard('a');
    expect(await ledger.load('a')).toBeUndefined();
    ledger.close();
  });
});

/** Every value of every store of a database, as IndexedDB holds it (what another plugin reads). */
async function rawContents(name: string): Promise<string> {
  const db = await openDB(name);
  const out: unknown[] = [];
  for (const store of db.objectStoreNames) out.push(store, await db.getAll(store));
  db.close();
  return JSON.stringify(out, (_k, v: unknown) =>
    v instanceof Uint8Array || v instanceof ArrayBuffer
      ? new TextDecoder().decode(v instanceof ArrayBuffer ? new Uint8Array(v) : v)
      : v,
  );
}

describe('the ledger is sealed and scoped', () => {
  it('stores no id, input, name or token in the clear', async () => {
    const keyring = await testKeyring('secret-token-123');
    const ledger = await IndexedDbLedger.open(keyring);
    const run = { ...record('run-visible', 1, ['upload-42']), input: { tags: ['tag-visible'] } };
    await ledger.saveIds(run.id, ['upload-42']);
    await ledger.save(run);
    await ledger.saveBefore(run.id, 0, { 'upload-42': ['before-visible'] });
    const raw = await rawContents(keyring.ledgerName(0));
    for (const word of [
      'run-visible',
      'upload-42',
      'tag-visible',
      'before-visible',
      'secret-token',
      'addTags',
    ])
      expect(raw).not.toContain(word);
    expect(keyring.ledgerName(0)).not.toContain(TEST_SCOPE.siteId);
    ledger.close();
  });

  it('another environment, installation or token sees none of the runs', async () => {
    const mine = await IndexedDbLedger.open(await testKeyring('t-scope'));
    await mine.saveIds('a', ['u1']);
    await mine.save(record('a', 1, ['u1']));
    for (const other of [
      await testKeyring('t-scope', { environment: 'staging' }),
      await testKeyring('t-scope', { pluginId: 'another-install' }),
      await testKeyring('t-scope', { siteId: 'another-site' }),
      await testKeyring('another-token'),
    ]) {
      expect(other.ledgerName(0)).not.toBe((await testKeyring('t-scope')).ledgerName(0));
      const theirs = await IndexedDbLedger.open(other);
      expect(await theirs.list()).toEqual([]);
      expect(await theirs.load('a')).toBeUndefined();
      expect(await theirs.runsTouching('u1')).toEqual([]);
      theirs.close();
    }
    expect((await mine.list()).map((r) => r.id)).toEqual(['a']);
    mine.close();
  });

  it('a row copied to another run, a row sealed by another key and garbage are all left out', async () => {
    const keyring = await testKeyring('t-tamper');
    const ledger = await IndexedDbLedger.open(keyring);
    await ledger.saveIds('a', ['u1']);
    await ledger.save(record('a', 1, ['u1']));
    await ledger.saveIds('b', ['u2']);
    await ledger.save(record('b', 2, ['u2']));
    const db = await openDB(keyring.ledgerName(0));
    const [ka, kb] = [await keyring.runTag('a'), await keyring.runTag('b')];
    const rowA = (await db.get('runs', ka)) as { v: unknown };
    // b's row now holds a's (valid) ciphertext: it is bound to a's row, so b does not open.
    await db.put('runs', { k: kb, v: rowA.v });
    // A row sealed with another environment's key under a's name does not open either.
    const foreign = await testKeyring('t-tamper', { environment: 'staging' });
    const sealed = await foreign.seal(
      'ledger',
      new TextEncoder().encode(JSON.stringify({ scope: foreign.scope, run: record('x', 3, []) })),
      JSON.stringify(['runs', await keyring.runTag('x')]),
    );
    await db.put('runs', { k: await keyring.runTag('x'), v: sealed });
    await db.put('runs', { k: 'garbage', v: { iv: 'no', ct: 5 } });
    // Someone adds b's entity tag to a's ids row: the sealed ids decide.
    const idsA = (await db.get('ids', ka)) as { t: string[] };
    await db.put('ids', { ...idsA, t: [...idsA.t, ...(await keyring.entityTags(['u2']))] });
    db.close();
    expect((await ledger.list()).map((r) => r.id)).toEqual(['a']);
    expect(await ledger.load('b')).toBeUndefined();
    expect(await ledger.load('x')).toBeUndefined();
    expect(await ledger.runsTouching('u2')).toEqual([]);
    expect(await ledger.runsTouching('u1')).toEqual(['a']);
    // Retention removes what does not open with our key.
    expect(await ledger.applyRetention(10, async () => new Set())).toEqual({ deleted: 3 });
    expect((await ledger.list()).map((r) => r.id)).toEqual(['a']);
    ledger.close();
  });

  it('a database created first by someone else under our name is skipped for the next name', async () => {
    const keyring = await testKeyring('t-squat');
    const squatter = await openDB(keyring.ledgerName(0), 7, {
      upgrade(db) {
        db.createObjectStore('runs', { keyPath: 'id' });
      },
    });
    squatter.close();
    const other = await openDB(keyring.ledgerName(1), 1, {
      upgrade(db) {
        db.createObjectStore('somethingElse');
      },
    });
    other.close();
    const ledger = await IndexedDbLedger.open(keyring);
    await ledger.saveIds('a', ['u1']);
    await ledger.save(record('a', 1, ['u1']));
    // Every frame walks the same names with the same test, so another frame finds the run.
    const again = await IndexedDbLedger.open(keyring);
    expect((await again.load('a'))?.ids).toEqual(['u1']);
    expect((await openDB(keyring.ledgerName(0))).version).toBe(7);
    ledger.close();
    again.close();
  });

  it('gives way to someone upgrading the database, and opens a good one on its next use', async () => {
    const keyring = await testKeyring('t-upgrade');
    const ledger = await IndexedDbLedger.open(keyring);
    await ledger.saveIds('a', ['u1']);
    await ledger.save(record('a', 1, ['u1']));
    const hostile = await openDB(keyring.ledgerName(0), LEDGER_DB_VERSION + 1, {
      upgrade(db) {
        db.deleteObjectStore('runs');
      },
    });
    hostile.close();
    // The old data is gone (anyone on the origin can delete it), but the ledger keeps working.
    expect(await ledger.list()).toEqual([]);
    await ledger.saveIds('b', ['u2']);
    await ledger.save(record('b', 2, ['u2']));
    expect((await ledger.list()).map((r) => r.id)).toEqual(['b']);
    ledger.close();
  });

  it('retention: runs older than 30 days and finished runs beyond the newest 50 go, live runs stay', async () => {
    const ledger = await IndexedDbLedger.open(await testKeyring('t-retention'));
    const now = 100 * 86_400_000;
    const save = async (id: string, updatedAt: number, status: RunRecord['status']) => {
      await ledger.saveIds(id, [id]);
      await ledger.save({ ...record(id, updatedAt, [id]), updatedAt, status });
    };
    await save('old', now - RETENTION_MS - 1, 'done');
    await save('old-but-live', now - RETENTION_MS - 1, 'running');
    for (let i = 0; i < RETENTION_MAX_FINISHED + 2; i++)
      await save(`f${i}`, now - 1000 + i, 'done');
    await save('interrupted', now - 5000, 'running');
    const { deleted } = await ledger.applyRetention(
      now,
      async (ids) => new Set(ids.filter((id) => id === 'old-but-live')),
    );
    expect(deleted).toBe(3);
    const left = new Set((await ledger.list()).map((r) => r.id));
    expect(left.has('old')).toBe(false);
    expect(left.has('f0') || left.has('f1')).toBe(false);
    expect(left.has(`f${RETENTION_MAX_FINISHED + 1}`)).toBe(true);
    expect(left.has('old-but-live')).toBe(true);
    expect(left.has('interrupted')).toBe(true);
    ledger.close();
  });
});

describe('RunPersister', () => {
  it('coalesces changes made during a write into one more write', async () => {
    const saves: number[] = [];
    const ledger = new MemoryLedger();
    const orig = ledger.save.bind(ledger);
    ledger.save = async (run) => {
      saves.push(run.chunks.filter((c) => c.state === 'done').length);
      await orig(run);
    };
    const run = record('r', 0, ['a', 'b', 'c', 'd']);
    await ledger.saveIds('r', ['a', 'b', 'c', 'd']);
    const persister = new RunPersister(ledger, run, () => 0);
    persister.touch();
    run.chunks[0]!.state = 'done';
    persister.touch();
    run.chunks[1]!.state = 'done';
    persister.touch();
    await persister.flush();
    expect(saves.length).toBeLessThanOrEqual(2);
    // The last state is the one stored.
    expect((await ledger.load('r'))?.run.chunks.filter((c) => c.state === 'done')).toHaveLength(2);
  });
});

describe('export', () => {
  it('writes one CSV row and one JSON entry per id', () => {
    const ids = ['u1', 'u2', 'u3'];
    const run = record('r', 0, ids);
    run.chunks[0]!.state = 'done';
    run.chunks[0]!.outcome = SUCCEEDED;
    run.chunks[0]!.exceptions = { u2: failed('ITEM_LOCKED', 'Locked, "now"') };
    const csv = exportCsv(run, ids).trim().split('\n');
    expect(csv[0]).toBe('id,state,code,reason');
    expect(csv).toContain('u1,succeeded,,');
    expect(csv).toContain('u2,failed,ITEM_LOCKED,"Locked, ""now"""');
    expect(csv).toContain('u3,pending,,');
    expect(csv).toContain('gone,skipped,NOT_FOUND,It no longer exists.');
    const json = JSON.parse(exportJson(run, ids)) as { items: { id: string; state: string }[] };
    expect(json.items).toHaveLength(4);
  });
});

describe('runsTouching', () => {
  it('finds the runs whose frozen ids include an id, in IndexedDB and in memory', async () => {
    const idb = await IndexedDbLedger.open(await testKeyring('t-touching'));
    for (const ledger of [idb, new MemoryLedger()]) {
      await ledger.saveIds('a', ['u1', 'u2']);
      await ledger.save(record('a', 1, ['u1', 'u2']));
      await ledger.saveIds('b', ['u2', 'u3']);
      await ledger.save(record('b', 2, ['u2', 'u3']));
      expect((await ledger.runsTouching('u2')).sort()).toEqual(['a', 'b']);
      expect(await ledger.runsTouching('u1')).toEqual(['a']);
      expect(await ledger.runsTouching('nope')).toEqual([]);
      await ledger.discard('a');
      expect(await ledger.runsTouching('u1')).toEqual([]);
    }
    idb.close();
  });
});
