import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../engine/events';
import type { RunRecord } from '../../engine/runState';
import type { RunMessage } from '../../runtime/messages';
import type { RunChannel } from '../../runtime/channel';
import { confirmationPhrase, needsTypedConfirmation, phraseMatches } from './confirm';
import { buildPreview, IN_USE_REASON } from './previewModel';
import { applyEvent, chunkSummary, formatEta, initialProgress } from './progressView';
import { buildReport, mergeReports } from './report';
import { collectionOptions, recordInfo } from './entityInfo';
import { addTags, splitEntry, suggestTags } from './tags';
import { RunTracker } from './runTracker';

describe('tags entry', () => {
  it('trims, splits on commas and drops blanks', () => {
    expect(splitEntry('  a , b,, \n c ')).toEqual(['a', 'b', 'c']);
    expect(addTags([], '  summer  ').tags).toEqual(['summer']);
  });
  it('drops exact and case-only duplicates of chosen tags, with a notice', () => {
    const r = addTags(['summer'], 'Summer, summer, winter');
    expect(r.tags).toEqual(['summer', 'winter']);
    expect(r.notice).toContain('differs only in case from “summer”');
    expect(r.notice).toContain('already in the list');
  });
  it('warns when a new tag differs only in case from a project tag, and keeps it', () => {
    const r = addTags([], 'Beach', ['beach']);
    expect(r.tags).toEqual(['Beach']);
    expect(r.notice).toContain('existing tag “beach”');
    expect(addTags([], 'beach', ['beach']).notice).toBeNull();
  });
  it('rejects over-long tags', () => {
    const r = addTags([], 'x'.repeat(65));
    expect(r.tags).toEqual([]);
    expect(r.notice).toContain('longer than 64');
  });
  it('suggests presets first, without chosen tags or case twins', () => {
    expect(
      suggestTags('a', {
        presets: ['Approved'],
        known: ['approved', 'banana', 'cat'],
        chosen: ['banana'],
      }),
    ).toEqual(['Approved', 'cat']);
  });
});

describe('typed confirmation', () => {
  it('builds the phrase and matches forgivingly but exactly on the number', () => {
    expect(confirmationPhrase(347)).toBe('delete 347 assets');
    expect(confirmationPhrase(1)).toBe('delete 1 asset');
    expect(phraseMatches('  Delete  347 assets ', 'delete 347 assets')).toBe(true);
    expect(phraseMatches('delete 346 assets', 'delete 347 assets')).toBe(false);
  });
  it('applies to destructive runs above the threshold (0 = always)', () => {
    expect(needsTypedConfirmation(true, 1, 0)).toBe(true);
    expect(needsTypedConfirmation(true, 10, 10)).toBe(false);
    expect(needsTypedConfirmation(true, 11, 10)).toBe(true);
    expect(needsTypedConfirmation(false, 1000, 0)).toBe(false);
  });
});

describe('preview model', () => {
  it('counts, leaves blocked and in-use ids out of the run and lists them first', () => {
    const m = buildPreview(
      ['a', 'b', 'c', 'd'],
      new Map([
        ['a', { outcome: 'change' as const }],
        ['b', { outcome: 'noop' as const, reason: 'Already has every tag.' }],
        ['c', { outcome: 'change' as const }],
      ]),
      new Map([['a', 'a.jpg']]),
      new Set(['c']),
    );
    expect(m.counts).toEqual({ change: 1, noop: 1, blocked: 2 });
    expect(m.runIds).toEqual(['a', 'b']);
    expect(m.leftOut.map((r) => [r.id, r.reason])).toEqual([
      ['c', IN_USE_REASON],
      ['d', 'It no longer exists.'],
    ]);
    expect(m.rows.map((r) => r.id)).toEqual(['c', 'd', 'a', 'b']);
    expect(m.rows[2]!.name).toBe('a.jpg');
  });
  it('keeps blocked ids whose code is sent anyway in the run (invalid drafts on publish)', () => {
    const m = buildPreview(
      ['a', 'b', 'c'],
      new Map([
        ['a', { outcome: 'change' as const }],
        ['b', { outcome: 'blocked' as const, code: 'INVALID_DRAFT', reason: 'Invalid.' }],
        ['c', { outcome: 'blocked' as const, code: 'INSUFFICIENT_PERMISSIONS', reason: 'No.' }],
      ]),
      new Map(),
      new Set(),
      new Set(['INVALID_DRAFT']),
    );
    expect(m.counts).toEqual({ change: 1, noop: 0, blocked: 2 });
    expect(m.runIds).toEqual(['a', 'b']);
    expect(m.leftOut.map((r) => [r.id, r.code])).toEqual([['c', 'INSUFFICIENT_PERMISSIONS']]);
    expect(m.rows.filter((r) => r.sentAnyway).map((r) => r.id)).toEqual(['b']);
  });
});

describe('record names', () => {
  it('uses the title (first locale when localized), then the name, then the id', () => {
    const e = (attributes: Record<string, unknown>) => ({ id: 'r1', type: 'item', attributes });
    expect(recordInfo(e({ title: 'Hello' })).name).toBe('Hello');
    expect(recordInfo(e({ title: { en: 'Hi', it: 'Ciao' } })).name).toBe('Hi');
    expect(recordInfo(e({ title: '', name: 'Ann' })).name).toBe('Ann');
    expect(recordInfo(e({})).name).toBe('r1');
  });
});

const counts = (o: Partial<Record<string, number>>) => ({
  succeeded: 0,
  failed: 0,
  skipped: 0,
  not_run: 0,
  pending: 0,
  total: 4,
  ...o,
});

describe('progress', () => {
  it('folds chunk, throttle, progress and end events', () => {
    let v = initialProgress(4, 2);
    v = applyEvent(v, { type: 'chunk', index: 0, state: 'submitted', size: 2 }, 0);
    v = applyEvent(v, { type: 'throttled', until: 5000 }, 1000);
    expect(v.throttledUntil).toBe(5000);
    v = applyEvent(
      v,
      { type: 'progress', counts: counts({ succeeded: 2, pending: 2 }), etaMs: 1200 },
      6000,
    );
    expect(v.throttledUntil).toBeNull();
    expect(v.etaMs).toBe(1200);
    expect(chunkSummary(v.chunks)).toMatchObject({ submitted: 1, queued: 1 });
    v = applyEvent(v, { type: 'cancelled', counts: counts({ succeeded: 2, not_run: 2 }) }, 7000);
    expect(v.ended).toBe('cancelled');
  });
  it('formats the ETA', () => {
    expect(formatEta(null)).toBeNull();
    expect(formatEta(2000)).toBe('less than 5 s');
    expect(formatEta(40_000)).toBe('about 40 s');
    expect(formatEta(150_000)).toBe('about 3 min');
  });
});

function record(overrides: Partial<RunRecord>): RunRecord {
  return {
    id: 'run-1',
    operationId: 'uploads.addTags',
    input: { tags: ['x'] },
    createdAt: 0,
    updatedAt: 0,
    status: 'done',
    chunkSize: 2,
    total: 4,
    chunks: [
      {
        index: 0,
        start: 0,
        end: 2,
        state: 'done',
        submitAttempts: 1,
        polls: 1,
        outcome: { state: 'succeeded' },
      },
      {
        index: 1,
        start: 2,
        end: 4,
        state: 'done',
        submitAttempts: 1,
        polls: 1,
        outcome: { state: 'succeeded' },
        exceptions: { d: { state: 'failed', code: 'ITEM_LOCKED', reason: 'Locked.' } },
      },
    ],
    skippedAtResolution: {},
    ...overrides,
  } as RunRecord;
}

describe('report', () => {
  it('lists what did not succeed, and merges runs', () => {
    const r = buildReport(record({}), ['a', 'b', 'c', 'd']);
    expect(r.counts).toMatchObject({ succeeded: 3, failed: 1 });
    expect(r.rows).toEqual([{ id: 'd', state: 'failed', code: 'ITEM_LOCKED', reason: 'Locked.' }]);
    const m = mergeReports([r, r]);
    expect(m.counts.succeeded).toBe(6);
    expect(m.rows).toHaveLength(2);
  });
});

describe('collection options', () => {
  it('orders collections as a tree with depth', () => {
    const c = (id: string, position: number, parent: string | null) => ({
      id,
      type: 'upload_collection',
      attributes: { label: id.toUpperCase(), position },
      relationships: {
        parent: { data: parent ? { id: parent, type: 'upload_collection' } : null },
      },
    });
    expect(
      collectionOptions([c('b', 2, null), c('a', 1, null), c('a1', 1, 'a')]).map((o) => [
        o.id,
        o.depth,
      ]),
    ).toEqual([
      ['a', 0],
      ['a1', 1],
      ['b', 0],
    ]);
  });
});

function fakeChannel() {
  const listeners = new Set<(m: RunMessage) => void>();
  const posted: RunMessage[] = [];
  const channel: RunChannel = {
    post: (m) => posted.push(m),
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    close: () => listeners.clear(),
  };
  const hear = (m: RunMessage) => listeners.forEach((l) => l(m));
  return { channel, posted, hear };
}

describe('RunTracker', () => {
  it('combines the events of several runs and ends when all have ended', () => {
    const { channel, posted, hear } = fakeChannel();
    const t = new RunTracker({
      channel,
      runs: [
        { runId: 'r1', total: 2, chunks: 1 },
        { runId: 'r2', total: 3, chunks: 1 },
      ],
    });
    const ev = (runId: string, event: EngineEvent) => hear({ kind: 'event', runId, event });
    ev('r1', { type: 'done', status: 'done', counts: counts({ succeeded: 2, total: 2 }) });
    expect(t.getSnapshot().allEnded).toBe(false);
    ev('other', { type: 'done', status: 'done', counts: counts({}) });
    hear({ kind: 'rejected', runId: 'r2', reason: 'No run r2 in the ledger.' });
    const s = t.getSnapshot();
    expect(s.allEnded).toBe(true);
    expect(s.combined.ended).toBe('failed');
    expect(s.combined.error).toBe('No run r2 in the ledger.');
    expect(s.combined.total).toBe(5);
    t.cancel();
    expect(posted).toEqual([
      { kind: 'cancel', runId: 'r1' },
      { kind: 'cancel', runId: 'r2' },
    ]);
    t.dispose();
  });
});

describe('scope filter', () => {
  it('builds the GET /uploads filter and the selection with excludes', async () => {
    const { toUploadFilter, matchingSelection, isEmptyFilter, EMPTY_FILTER } =
      await import('./scopeFilter');
    expect(isEmptyFilter(EMPTY_FILTER)).toBe(true);
    const f = {
      ...EMPTY_FILTER,
      tag: ' summer ',
      collection: 'root',
      type: 'image',
      inUse: 'false' as const,
      query: ' red ',
    };
    expect(toUploadFilter(f)).toEqual({
      query: 'red',
      fields: {
        tags: { contains: 'summer' },
        upload_collection: { exists: false },
        type: { eq: 'image' },
        in_use: { eq: false },
      },
    });
    expect(toUploadFilter({ ...EMPTY_FILTER, collection: 'c1' })).toEqual({
      fields: { upload_collection: { eq: 'c1' } },
    });
    expect(matchingSelection({ ...f, excludeSelected: true }, ['a']).queries?.[0]?.exclude).toEqual(
      ['a'],
    );
    expect(matchingSelection(f, ['a']).queries?.[0]?.exclude).toEqual([]);
  });
});
