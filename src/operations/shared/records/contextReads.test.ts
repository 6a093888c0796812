import { describe, expect, it } from 'vitest';
import type { RawEntity } from '../../../cma/fetchByIds';
import type { LinkField } from './linkFields';
import { readChildren, readMissing, readReferences } from './contextReads';
import { recordFact } from './recordFact';
import type { RecordReads } from './recordReads';
import type { Reference } from './reference';

const entity = (id: string, status = 'published', parent: string | null = null): RawEntity => ({
  id,
  type: 'item',
  attributes: { title: id, parent_id: parent },
  relationships: { item_type: { data: { type: 'item_type', id: 'm' } } },
  meta: { status },
});
const field = (onUnpublish: LinkField['onUnpublish']): LinkField => ({
  id: `f-${onUnpublish}`,
  apiKey: 'rel',
  label: 'rel',
  type: 'link',
  ownerId: 'm',
  ownerName: 'M',
  ownerIsBlock: false,
  localized: false,
  required: false,
  targets: ['m'],
  onDelete: 'delete_references',
  onUnpublish,
});

/** A fake port over a fixed set of records and links (referrer → target, field). */
function port(records: RawEntity[], links: [string, string, LinkField][]) {
  const asked: string[][] = [];
  const reads: RecordReads = {
    byIds: async (ids) => records.filter((r) => ids.includes(r.id)),
    allOfModel: async () => records,
    references: async (targets) => {
      const ids = [...targets.values()].flat();
      asked.push(ids);
      const references = new Map<string, Reference[]>();
      const referrers = new Map<string, RawEntity>();
      for (const [referrer, target, f] of links)
        if (ids.includes(target)) {
          references.set(target, [
            ...(references.get(target) ?? []),
            { referrer, target, field: f, others: [] },
          ]);
          referrers.set(
            referrer,
            records.find((r) => r.id === referrer)!,
          );
        }
      return { references, referrers };
    },
  };
  return { reads, asked };
}

describe('record context reads', () => {
  it('readMissing asks only for the records not known yet', async () => {
    const { reads } = port([entity('a'), entity('b')], []);
    const facts = new Map([['a', recordFact(entity('a'))]]);
    expect(await readMissing(reads, facts, ['a', 'b', 'b'])).toEqual(['b']);
    expect([...facts.keys()]).toEqual(['a', 'b']);
  });

  it('readChildren indexes every record of the model by parent', async () => {
    const { reads } = port([entity('root'), entity('kid', 'draft', 'root')], []);
    const facts = new Map();
    expect(await readChildren(reads, { id: 'm', tree: true }, facts)).toEqual(
      new Map([['root', ['kid']]]),
    );
    expect(facts.size).toBe(2);
  });

  it('readReferences follows fields that unpublish their linking records, round by round', async () => {
    const records = [entity('t'), entity('r1'), entity('q')];
    const links: [string, string, LinkField][] = [
      ['r1', 't', field('unpublish')],
      ['q', 'r1', field('fail')],
    ];
    const scope = new Map([['t', recordFact(entity('t'))]]);
    const follow = port(records, links);
    const facts = new Map(scope);
    const refs = await readReferences(follow.reads, { id: 'm', tree: false }, scope, facts, true);
    expect(follow.asked).toEqual([['t'], ['r1']]);
    expect(refs.get('r1')?.map((r) => r.referrer)).toEqual(['q']);
    expect(facts.has('q')).toBe(true);
    // Delete: one round only.
    const once = port(records, links);
    await readReferences(once.reads, { id: 'm', tree: false }, scope, new Map(scope), false);
    expect(once.asked).toEqual([['t']]);
  });
});
