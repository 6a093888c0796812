import { describe, expect, it } from 'vitest';
import type { RecordFact } from '../shared/records/recordFact';
import { moveToStageRecordChecks } from './recordChecks';

const fact = (
  id: string,
  status: RecordFact['status'],
  parentId: string | null = null,
  links: string[] = [],
  stage: string | null = null,
): RecordFact => ({ id, name: `Name ${id}`, status, parentId, links, stage });

const factsOf = (...list: RecordFact[]) => new Map(list.map((f) => [f.id, f]));

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
