import { describe, expect, it } from 'vitest';
import { fact, factsOf } from '../shared/records/testing/facts';
import type { Prediction } from '../shared/types';
import type { LinkField } from '../shared/records/linkFields';
import { childrenIndex } from '../shared/records/tree';
import { destroyRecordChecks } from './recordChecks';

const reasonOf = (p: Prediction | undefined) => (p && p.outcome !== 'change' ? p.reason : '');

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
    const r = destroyRecordChecks.check({
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
    const r = destroyRecordChecks.check({
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
