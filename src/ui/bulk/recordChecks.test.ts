import { describe, expect, it } from 'vitest';
import { fact, factsOf } from '../../operations/shared/records/testing/facts';
import { checkRecords } from './recordChecks';

describe('checkRecords: the role, per record', () => {
  it('a denial blocks with its reason; an unknown verdict is a note; the run keeps the rest', () => {
    const r = checkRecords({
      actionId: 'items.publish',
      ids: ['a', 'b', 'c'],
      facts: factsOf(fact('a', 'draft'), fact('b', 'draft'), fact('c', 'draft')),
      permission: (f) =>
        f.id === 'a'
          ? { kind: 'denied', reason: 'No.' }
          : f.id === 'b'
            ? { kind: 'unknown', reason: 'Maybe.' }
            : { kind: 'allowed' },
      include: new Set(),
    });
    expect(r.overrides.get('a')).toEqual({
      outcome: 'blocked',
      code: 'INSUFFICIENT_PERMISSIONS',
      reason: 'No.',
    });
    expect(r.notes.get('b')).toBe('Maybe.');
    expect(r.overrides.has('c')).toBe(false);
  });
});

describe('checkRecords: move to stage', () => {
  it('blocks the moves the role may not make, with both stages named', () => {
    const r = checkRecords({
      actionId: 'items.moveToStage',
      ids: ['x', 'z'],
      facts: factsOf(
        fact('x', 'draft', null, [], 'drafting'),
        fact('z', 'draft', null, [], 'in_review'),
      ),
      stageId: 'approved',
      stageNames: new Map([
        ['drafting', 'Drafting'],
        ['in_review', 'In review'],
        ['approved', 'Approved'],
      ]),
      permission: (f) =>
        f.stage === 'in_review'
          ? { kind: 'allowed' }
          : { kind: 'denied', reason: 'Your role cannot move records from Drafting to Approved.' },
      include: new Set(),
    });
    expect(r.overrides.get('x')).toEqual({
      outcome: 'blocked',
      code: 'INSUFFICIENT_PERMISSIONS',
      reason: 'Your role cannot move records from Drafting to Approved.',
    });
    expect(r.overrides.has('z')).toBe(false);
    expect(r.notes.get('z')).toBe('In review → Approved');
  });
});
