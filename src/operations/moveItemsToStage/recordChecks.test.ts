import { describe, expect, it } from 'vitest';
import { fact, factsOf } from '../shared/records/testing/facts';
import { moveToStageRecordChecks } from './recordChecks';

describe('checkRecords: move to stage', () => {
  it('notes the stage each record moves from', () => {
    const r = moveToStageRecordChecks.check({
      actionId: 'items.moveToStage',
      ids: ['x', 'y'],
      facts: factsOf(
        fact('x', 'draft', null, [], 'drafting'),
        fact('y', 'draft', null, [], 'approved'),
      ),
      stageId: 'approved',
      stageNames: new Map([
        ['drafting', 'Drafting'],
        ['approved', 'Approved'],
      ]),
      include: new Set(),
    });
    expect(r.notes.get('x')).toBe('Drafting → Approved');
    expect(r.notes.has('y')).toBe(false);
  });
});
