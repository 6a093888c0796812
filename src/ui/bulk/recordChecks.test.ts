import { describe, expect, it } from 'vitest';
import type { Prediction } from '../../operations/shared/types';
import { checkRecords, childrenIndex, recordFact, type RecordFact } from './recordChecks';
import type { LinkField } from './linkFields';

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

const linkField = (
  id: string,
  onDelete: LinkField['onDelete'],
  onUnpublish: LinkField['onUnpublish'],
  required = false,
): LinkField => ({
  id,
  apiKey: id,
  label: id,
  type: 'link',
  ownerId: 'it-article',
  ownerName: 'Article',
  ownerIsBlock: false,
  localized: false,
  required,
  targets: ['it-author'],
  onDelete,
  onUnpublish,
});
const ref = (referrer: string, target: string, field: LinkField, others: string[] = []) => ({
  referrer,
  target,
  field,
  others,
});

describe('checkRecords: unpublish follows each linking field', () => {
  const failing = linkField('author', 'fail', 'fail');
  const cascading = linkField('related', 'delete_references', 'unpublish');
  const removing = linkField('mentions', 'delete_references', 'delete_references', true);

  it('a field set to fail blocks, naming the record and the field; drafts do not block', () => {
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
      references: new Map([
        ['t', [ref('liveRef', 't', failing)]],
        ['u', [ref('draftRef', 'u', failing)]],
      ]),
      include: new Set(),
    });
    expect(r.overrides.get('t')).toMatchObject({ code: 'REFERENCED' });
    expect(reasonOf(r.overrides.get('t'))).toBe(
      '1 published record outside this selection links to it (“Name liveRef”) in “Article › author”, which refuses unpublishing linked records.',
    );
    expect(r.overrides.has('u')).toBe(false);
    expect(r.sideEffects).toEqual([]);
  });

  it('unpublish: the linking records go offline too, and their own linking fields count', () => {
    const facts = factsOf(
      fact('t', 'published'),
      fact('r1', 'published'),
      fact('r2', 'published'),
      fact('q', 'published'),
    );
    const base = {
      actionId: 'items.unpublish',
      ids: ['t'],
      facts,
      include: new Set<never>(),
    };
    const r = checkRecords({
      ...base,
      references: new Map([
        ['t', [ref('r1', 't', cascading), ref('r2', 't', removing, ['x'])]],
        ['r1', [ref('q', 'r1', cascading)]],
      ]),
    });
    expect(r.overrides.size).toBe(0);
    expect(r.sideEffects.map((e) => [e.kind, e.field.id, e.records])).toEqual([
      ['unpublish', 'related', ['q', 'r1']],
      ['remove_links', 'mentions', ['r2']],
    ]);
    expect(r.notes.get('t')).toBe(
      '“Name r1” is unpublished too (“Article › related”). Its links in “Name r2” are removed.',
    );
    // A record that would go offline with it, but whose own linking record refuses: blocked.
    const blocked = checkRecords({
      ...base,
      references: new Map([
        ['t', [ref('r1', 't', cascading)]],
        ['r1', [ref('q', 'r1', failing)]],
      ]),
    });
    expect(reasonOf(blocked.overrides.get('t'))).toBe(
      '“Name r1” would be unpublished with it (“Article › related”), but cannot be: 1 published record outside this selection links to “Name r1” (“Name q”) in “Article › author”, which refuses unpublishing linked records.',
    );
    // Removing the only link of a required field fails.
    const required = checkRecords({
      ...base,
      references: new Map([['t', [ref('r2', 't', removing)]]]),
    });
    expect(required.overrides.get('t')).toMatchObject({ code: 'REFERENCED' });
  });
});

describe('checkRecords: delete follows each linking field', () => {
  it('fail blocks; delete_references removes the links; inside the scope nothing counts', () => {
    const facts = factsOf(
      fact('t1', 'draft'),
      fact('t2', 'draft'),
      fact('t3', 'draft'),
      fact('t4', 'draft'),
      fact('kid', 'draft', 't3'),
      fact('ref', 'published'),
      fact('other', 'draft'),
    );
    const r = checkRecords({
      actionId: 'items.destroy',
      ids: ['t1', 't2', 't3', 't4'],
      facts,
      references: new Map([
        ['t1', [ref('ref', 't1', linkField('author', 'fail', 'fail'))]],
        ['t2', [ref('t1', 't2', linkField('author', 'fail', 'fail'))]],
        ['t4', [ref('other', 't4', linkField('related', 'delete_references', 'fail'))]],
      ]),
      children: childrenIndex(facts.values()),
      include: new Set(),
    });
    expect(r.overrides.get('t1')).toMatchObject({ code: 'DELETE_RESTRICTION' });
    expect(reasonOf(r.overrides.get('t1'))).toBe(
      'Linked from 1 record outside this selection (“Name ref”) in “Article › author”, which refuses deleting linked records.',
    );
    expect(r.overrides.has('t2')).toBe(false);
    expect(r.overrides.get('t3')).toMatchObject({ code: 'DELETE_RESTRICTION' });
    expect(r.overrides.has('t4')).toBe(false);
    expect(r.notes.get('t4')).toBe('Its links in “Name other” are removed.');
    expect(r.sideEffects.map((e) => [e.kind, e.records])).toEqual([['remove_links', ['other']]]);
  });

  it('a required field whose last link would go blocks the delete', () => {
    const required = linkField('author', 'delete_references', 'fail', true);
    const r = checkRecords({
      actionId: 'items.destroy',
      ids: ['t', 'u'],
      facts: factsOf(fact('t', 'draft'), fact('u', 'draft'), fact('ref', 'draft')),
      references: new Map([
        ['t', [ref('ref', 't', required)]],
        // Another link stays (to a record not deleted): the field keeps a value.
        ['u', [ref('ref', 'u', required, ['kept'])]],
      ]),
      include: new Set(),
    });
    expect(reasonOf(r.overrides.get('t'))).toContain('the required field “Article › author”');
    expect(r.overrides.has('u')).toBe(false);
  });
});

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
