import { describe, expect, it } from 'vitest';
import { fact, factsOf } from '../shared/records/testing/facts';
import { publishRecordChecks } from './recordChecks';

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
    const r = publishRecordChecks.check({
      actionId: 'items.publish',
      ids,
      facts,
      include: new Set(),
    });
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
    const r = publishRecordChecks.check({
      actionId: 'items.publish',
      ids,
      facts,
      include: new Set(['parents']),
    });
    expect(r.overrides.size).toBe(0);
    expect(r.runOrder).toEqual(['root', 'mid', 'other', 'leaf']);
  });

  it('a parent inside the scope does not block', () => {
    const r = publishRecordChecks.check({
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
    const r = publishRecordChecks.check({
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
    const r = publishRecordChecks.check({
      actionId: 'items.publish',
      ids: ['article'],
      facts,
      include: new Set(['links']),
    });
    expect(r.runOrder).toEqual(['cat-mid', 'cat-other', 'cat-leaf', 'article']);
  });

  it('a parent offered both as a scope parent and a linked parent is sent once', () => {
    const both = factsOf(...facts.values(), fact('sibling', 'draft', 'cat-mid'));
    const r = publishRecordChecks.check({
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
