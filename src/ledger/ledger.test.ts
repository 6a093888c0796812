import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { failed, SUCCEEDED } from '../engine/outcomes';
import { planChunks, type RunRecord } from '../engine/runState';
import { exportCsv, exportJson } from './export';
import { IndexedDbLedger, LEDGER_DB_VERSION } from './indexedDbLedger';
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
    const ledger = await IndexedDbLedger.open('test-ledger');
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
    const ledger = await IndexedDbLedger.open('test-ledger-3');
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

  it('never stores a token: a run record has no field for one', async () => {
    const ledger = await IndexedDbLedger.open('test-ledger-2');
    await ledger.saveIds('a', ['u1']);
    await ledger.save(record('a', 1, ['u1']));
    const json = JSON.stringify(await ledger.load('a'));
    expect(json).not.toMatch(/token|authorization|bearer/i);
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
    const idb = await IndexedDbLedger.open('test-ledger-touching');
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

describe('ledger upgrade', () => {
  it('opens a version 1 database and indexes the runs already in it', async () => {
    const { openDB } = await import('idb');
    const v1 = await openDB('test-ledger-v1', 1, {
      upgrade(db) {
        db.createObjectStore('runs', { keyPath: 'id' }).createIndex('byCreatedAt', 'createdAt');
        db.createObjectStore('runIds', { keyPath: 'runId' });
        db.createObjectStore('runBefore', { keyPath: ['runId', 'chunk'] }).createIndex(
          'byRun',
          'runId',
        );
      },
    });
    await v1.put('runIds', { runId: 'old', ids: ['u1', 'u2'] });
    await v1.put('runs', record('old', 1, ['u1', 'u2']));
    // Version 1 code has no `blocking` handler: its tab must reload before the upgrade runs.
    v1.close();
    const ledger = await IndexedDbLedger.open('test-ledger-v1');
    expect(await ledger.runsTouching('u2')).toEqual(['old']);
    expect((await ledger.load('old'))?.ids).toEqual(['u1', 'u2']);
    // This version gives way to a later one instead of blocking it.
    const later = await openDB('test-ledger-v1', LEDGER_DB_VERSION + 1);
    expect(later.version).toBe(LEDGER_DB_VERSION + 1);
    later.close();
  });
});
