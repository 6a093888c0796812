import { describe, expect, it } from 'vitest';
import { recordFact } from './recordFact';

describe('recordFact', () => {
  it('reads status, stage, parent and the ids of link fields (single, many, localized)', () => {
    const f = recordFact(
      {
        id: 'r1',
        type: 'item',
        attributes: {
          title: { en: 'Hello' },
          parent_id: 'p1',
          author: 'a1',
          related: ['x', 'y', 'x'],
          loc: { en: 'z' },
        },
        meta: { status: 'updated', stage: 'in_review' },
      },
      ['author', 'related', 'loc'],
    );
    expect(f).toEqual({
      id: 'r1',
      name: 'Hello',
      status: 'updated',
      stage: 'in_review',
      parentId: 'p1',
      links: ['a1', 'x', 'y', 'z'],
    });
  });
});
