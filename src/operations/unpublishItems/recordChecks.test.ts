import { describe, expect, it } from 'vitest';
import { fact, factsOf } from '../shared/records/testing/facts';
import type { Prediction } from '../shared/types';
import type { LinkField } from '../shared/records/linkFields';
import { childrenIndex } from '../shared/records/tree';
import { unpublishRecordChecks } from './recordChecks';

const reasonOf = (p: Prediction | undefined) => (p && p.outcome !== 'change' ? p.reason : '');

describe('checkRecords: unpublish', () => {
  const facts = factsOf(
    fact('a', 'published'),
    fact('b', 'published', 'a'),
    fact('c', 'updated', 'b'),
    fact('d', 'draft', 'a'),
  );
  const children = childrenIndex(facts.values());

  it('blocks a record with published descendants outside the scope and offers them deepest first', () => {
    const r = unpublishRecordChecks.check({
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
    const r = unpublishRecordChecks.check({
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
    const r = unpublishRecordChecks.check({
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
    const r = unpublishRecordChecks.check({
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
    const blocked = unpublishRecordChecks.check({
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
    const required = unpublishRecordChecks.check({
      ...base,
      references: new Map([['t', [ref('r2', 't', removing)]]]),
    });
    expect(required.overrides.get('t')).toMatchObject({ code: 'REFERENCED' });
  });
});
