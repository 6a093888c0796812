import { describe, expect, it } from 'vitest';
import type { Prediction } from '../../operations/types';
import { checkRecords, childrenIndex, recordFact, type RecordFact } from './recordChecks';
import {
  toItemFilter,
  incompleteField,
  EMPTY_CONDITION,
  EMPTY_RECORD_FILTER,
  type FieldCondition,
} from './recordScopeFilter';

const fact = (
  id: string,
  status: RecordFact['status'],
  parentId: string | null = null,
  links: string[] = [],
  stage: string | null = null,
): RecordFact => ({ id, name: `Name ${id}`, status, parentId, links, stage });

const reasonOf = (p: Prediction | undefined) => (p && p.outcome !== 'change' ? p.reason : '');

const factsOf = (...list: RecordFact[]) => new Map(list.map((f) => [f.id, f]));

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

describe('checkRecords: publish', () => {
  // root (draft) ← mid (draft) ← leaf (draft, in scope); other (in scope) under a live parent.
  const facts = factsOf(
    fact('root', 'draft'),
    fact('mid', 'draft', 'root'),
    fact('leaf', 'draft', 'mid', ['link1', 'link2']),
    fact('live', 'published'),
    fact('other', 'draft', 'live'),
    fact('link1', 'draft'),
    fact('link2', 'published'),
  );
  const ids = ['leaf', 'other'];

  it('blocks a record whose parent outside the scope is unpublished, and offers the whole chain', () => {
    const r = checkRecords({ actionId: 'items.publish', ids, facts, include: new Set() });
    expect(r.overrides.get('leaf')).toMatchObject({
      outcome: 'blocked',
      code: 'UNPUBLISHED_PARENT',
    });
    expect(r.overrides.has('other')).toBe(false);
    expect(r.offered.find((o) => o.kind === 'parents')?.ids).toEqual(['root', 'mid']);
    expect(r.offered.find((o) => o.kind === 'links')?.ids).toEqual(['link1']);
    expect(r.notes.get('leaf')).toContain('Name link1');
    expect(r.runOrder).toEqual(['other', 'leaf']);
  });

  it('with the parents included: nothing blocked, parents first, root before its child', () => {
    const r = checkRecords({
      actionId: 'items.publish',
      ids,
      facts,
      include: new Set(['parents']),
    });
    expect(r.overrides.size).toBe(0);
    expect(r.runOrder).toEqual(['root', 'mid', 'other', 'leaf']);
  });

  it('a parent inside the scope does not block', () => {
    const r = checkRecords({
      actionId: 'items.publish',
      ids: ['leaf', 'mid', 'root'],
      facts,
      include: new Set(),
    });
    expect(r.overrides.size).toBe(0);
    expect(r.offered.filter((o) => o.kind === 'parents')).toEqual([]);
    expect(r.runOrder).toEqual(['root', 'mid', 'leaf']);
  });
});

describe('checkRecords: publish with linked records in a tree model', () => {
  // cat-root (published) ← cat-mid (draft) ← cat-leaf (draft), linked from the article in scope;
  // cat-other (draft) under the live root, linked too.
  const facts = factsOf(
    fact('article', 'draft', null, ['cat-leaf', 'cat-other']),
    fact('cat-root', 'published'),
    fact('cat-mid', 'draft', 'cat-root'),
    fact('cat-leaf', 'draft', 'cat-mid'),
    fact('cat-other', 'draft', 'cat-root'),
  );

  it('offers the linked records with their unpublished parents, parents first', () => {
    const r = checkRecords({
      actionId: 'items.publish',
      ids: ['article'],
      facts,
      include: new Set(),
    });
    const links = r.offered.find((o) => o.kind === 'links');
    expect(links?.ids).toEqual(['cat-mid', 'cat-other', 'cat-leaf']);
    expect(links?.label).toBe(
      'Also publish the 2 linked records that are not published, with their 1 unpublished parent record',
    );
    expect(r.runOrder).toEqual(['article']);
  });

  it('included: the parent goes before its child and the scope last', () => {
    const r = checkRecords({
      actionId: 'items.publish',
      ids: ['article'],
      facts,
      include: new Set(['links']),
    });
    expect(r.runOrder).toEqual(['cat-mid', 'cat-other', 'cat-leaf', 'article']);
  });

  it('a parent offered both as a scope parent and a linked parent is sent once', () => {
    const both = factsOf(...facts.values(), fact('sibling', 'draft', 'cat-mid'));
    const r = checkRecords({
      actionId: 'items.publish',
      ids: ['article', 'sibling'],
      facts: both,
      include: new Set(['links', 'parents']),
    });
    expect(r.offered.find((o) => o.kind === 'parents')?.ids).toEqual(['cat-mid']);
    expect(r.runOrder.filter((id) => id === 'cat-mid')).toHaveLength(1);
    expect(r.runOrder).toEqual(['cat-mid', 'cat-other', 'cat-leaf', 'article', 'sibling']);
  });
});

describe('checkRecords: unpublish', () => {
  const facts = factsOf(
    fact('a', 'published'),
    fact('b', 'published', 'a'),
    fact('c', 'updated', 'b'),
    fact('d', 'draft', 'a'),
  );
  const children = childrenIndex(facts.values());

  it('blocks a record with published descendants outside the scope and offers them deepest first', () => {
    const r = checkRecords({
      actionId: 'items.unpublish',
      ids: ['a'],
      facts,
      children,
      include: new Set(),
    });
    expect(r.overrides.get('a')).toMatchObject({ code: 'PUBLISHED_CHILDREN' });
    expect(reasonOf(r.overrides.get('a'))).toContain('2 published child records');
    expect(r.offered[0]?.ids).toEqual(['c', 'b']);
  });

  it('with the children included, they go first, deepest first', () => {
    const r = checkRecords({
      actionId: 'items.unpublish',
      ids: ['a'],
      facts,
      children,
      include: new Set(['children']),
    });
    expect(r.overrides.size).toBe(0);
    expect(r.runOrder).toEqual(['c', 'b', 'a']);
  });
});

describe('checkRecords: unpublish with published references', () => {
  it('blocks a record that published records outside the scope link to; drafts do not block', () => {
    const facts = factsOf(
      fact('t', 'published'),
      fact('u', 'published'),
      fact('liveRef', 'updated'),
      fact('draftRef', 'draft'),
    );
    const r = checkRecords({
      actionId: 'items.unpublish',
      ids: ['t', 'u'],
      facts,
      referrers: new Map([
        ['t', ['liveRef']],
        ['u', ['draftRef']],
      ]),
      include: new Set(),
    });
    expect(r.overrides.get('t')).toMatchObject({ code: 'PUBLISHED_REFERENCES' });
    expect(reasonOf(r.overrides.get('t'))).toContain('“Name liveRef”');
    expect(r.overrides.has('u')).toBe(false);
  });
});

describe('checkRecords: delete', () => {
  it('blocks records linked from outside the scope, not from inside; children block too', () => {
    const facts = factsOf(
      fact('t1', 'draft'),
      fact('t2', 'draft'),
      fact('t3', 'draft'),
      fact('kid', 'draft', 't3'),
      fact('ref', 'published'),
    );
    const r = checkRecords({
      actionId: 'items.destroy',
      ids: ['t1', 't2', 't3'],
      facts,
      referrers: new Map([
        ['t1', ['ref']],
        ['t2', ['t1']],
      ]),
      children: childrenIndex(facts.values()),
      include: new Set(),
    });
    expect(r.overrides.get('t1')).toMatchObject({ code: 'DELETE_RESTRICTION' });
    expect(reasonOf(r.overrides.get('t1'))).toContain('“Name ref”');
    expect(r.overrides.has('t2')).toBe(false);
    expect(r.overrides.get('t3')).toMatchObject({ code: 'DELETE_RESTRICTION' });
  });
});

describe('checkRecords: move to stage', () => {
  it('notes the stage each record moves from', () => {
    const r = checkRecords({
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
      canMove: (from) => from === 'in_review',
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

describe('record scope filter', () => {
  const cond = (
    field: string,
    value: string,
    operator: FieldCondition['operator'] = 'matches',
  ): FieldCondition => ({ field, value, operator });
  const fields = [
    { apiKey: 'title', label: 'Title', type: 'string' },
    { apiKey: 'price', label: 'Price', type: 'float' },
  ];
  it('always names the model; adds status, text and a field condition', () => {
    expect(toItemFilter(EMPTY_RECORD_FILTER, 'm1', fields)).toEqual({ type: 'm1' });
    expect(
      toItemFilter(
        {
          ...EMPTY_RECORD_FILTER,
          status: 'draft',
          query: ' news ',
          conditions: [cond('title', 'x')],
        },
        'm1',
        fields,
      ),
    ).toEqual({
      type: 'm1',
      query: 'news',
      fields: {
        _status: { eq: 'draft' },
        title: { matches: { pattern: 'x', case_sensitive: false, regexp: false } },
      },
    });
    expect(
      toItemFilter(
        { ...EMPTY_RECORD_FILTER, conditions: [cond('price', '9.5', 'eq')] },
        'm1',
        fields,
      ).fields,
    ).toEqual({ price: { eq: 9.5 } });
  });
  it('several conditions must all hold; rows without a field are ignored', () => {
    expect(
      toItemFilter(
        {
          ...EMPTY_RECORD_FILTER,
          conditions: [cond('title', 'x'), EMPTY_CONDITION, cond('price', '3', 'eq')],
        },
        'm1',
        fields,
      ).fields,
    ).toEqual({
      title: { matches: { pattern: 'x', case_sensitive: false, regexp: false } },
      price: { eq: 3 },
    });
  });
  it('a chosen field without a value is incomplete, not ignored', () => {
    expect(
      incompleteField({ ...EMPTY_RECORD_FILTER, conditions: [cond('title', '')] }, fields),
    ).toBe(true);
    expect(
      incompleteField(
        { ...EMPTY_RECORD_FILTER, conditions: [cond('title', 'ok'), cond('price', 'abc', 'eq')] },
        fields,
      ),
    ).toBe(true);
    expect(
      incompleteField(
        { ...EMPTY_RECORD_FILTER, conditions: [cond('title', '', 'exists'), EMPTY_CONDITION] },
        fields,
      ),
    ).toBe(false);
  });
});
