import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../engine/runState';
import { undoChain } from './runUndoChain';

function ledgerOf(parents: Record<string, string | undefined>) {
  return {
    load: async (id: string) =>
      id in parents ? { run: { id, retryOf: parents[id] } as RunRecord, ids: [] } : undefined,
  };
}

describe('undoChain', () => {
  it('lists a retry, the run it retried and so on, newest first', async () => {
    const ledger = ledgerOf({ a: undefined, b: 'a', c: 'b' });
    expect(await undoChain(ledger, 'c')).toEqual(['c', 'b', 'a']);
    expect(await undoChain(ledger, 'a')).toEqual(['a']);
  });

  it('stops at a run no longer in the ledger, and at a cycle', async () => {
    expect(await undoChain(ledgerOf({ b: 'gone' }), 'b')).toEqual(['b']);
    expect(await undoChain(ledgerOf({ x: 'y', y: 'x' }), 'x')).toEqual(['x', 'y']);
    expect(await undoChain(ledgerOf({}), 'none')).toEqual([]);
  });
});
