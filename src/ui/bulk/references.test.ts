import { describe, expect, it } from 'vitest';
import type { RawEntity } from '../../cma/fetchByIds';
import { parseLinkField } from '../../operations/shared/records/linkFields';
import type { ListQuery } from '../../cma/reads/listReads';
import { scanRecord } from './referenceScan';
import { findReferences, type ReferenceSource } from './references';

const itemType = (id: string, name: string, block = false): RawEntity => ({
  id,
  type: 'item_type',
  attributes: { name, modular_block: block },
});
const field = (
  id: string,
  owner: string,
  apiKey: string,
  fieldType: string,
  validators: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): RawEntity => ({
  id,
  type: 'field',
  attributes: { api_key: apiKey, label: apiKey, field_type: fieldType, validators, ...extra },
  relationships: { item_type: { data: { type: 'item_type', id: owner } } },
});
const record = (
  id: string,
  type: string,
  attributes: Record<string, unknown>,
  status = 'published',
): RawEntity => ({
  id,
  type: 'item',
  attributes,
  relationships: { item_type: { data: { type: 'item_type', id: type } } },
  meta: { status },
});
const block = (type: string, attributes: Record<string, unknown>) => record('b', type, attributes);

// The schema: articles link to an author (direct), hold "related" blocks linking to authors in a
// modular-content field, and structured text that can link an author too.
const types = [
  itemType('it-article', 'Article'),
  itemType('it-author', 'Author'),
  itemType('bl-related', 'Related block', true),
  itemType('bl-quote', 'Quote block', true),
];
const authorField = field('f-author', 'it-article', 'author', 'link', {
  item_item_type: { item_types: ['it-author'], on_reference_delete_strategy: 'fail' },
  required: {},
});
const relatedField = field('f-rel', 'bl-related', 'people', 'links', {
  items_item_type: {
    item_types: ['it-author'],
    on_reference_unpublish_strategy: 'unpublish',
  },
});
const bodyField = field('f-body', 'it-article', 'body', 'structured_text', {
  structured_text_links: { item_types: ['it-author'] },
  structured_text_blocks: { item_types: ['bl-quote'] },
});
const quoteAuthor = field('f-qa', 'bl-quote', 'by', 'link', {
  item_item_type: { item_types: ['it-author'] },
});
const sectionsField = field('f-sections', 'it-article', 'sections', 'rich_text', {
  rich_text_blocks: { item_types: ['bl-related'] },
});

describe('parseLinkField', () => {
  it('reads the strategies with the defaults of each validator', () => {
    const owner = types[0];
    expect(parseLinkField(authorField, owner)).toMatchObject({
      onDelete: 'fail',
      onUnpublish: 'fail',
      required: true,
      ownerName: 'Article',
      ownerIsBlock: false,
    });
    expect(parseLinkField(relatedField, types[2])).toMatchObject({
      onDelete: 'delete_references',
      onUnpublish: 'unpublish',
      ownerIsBlock: true,
    });
    // Structured text defaults to removing links on unpublish.
    expect(parseLinkField(bodyField, owner)).toMatchObject({
      onDelete: 'delete_references',
      onUnpublish: 'delete_references',
    });
    expect(parseLinkField(sectionsField, owner)).toBeNull();
  });
});

const linkFields = new Map(
  [authorField, relatedField, bodyField, quoteAuthor].map((f) => {
    const owner = (f.relationships!.item_type!.data as { id: string }).id;
    const lf = parseLinkField(
      f,
      types.find((t) => t.id === owner),
    )!;
    return [`${lf.ownerId}:${lf.apiKey}`, lf] as const;
  }),
);

describe('scanRecord', () => {
  it('finds links in fields, modular-content blocks, structured text and its blocks', () => {
    const article = record('a1', 'it-article', {
      author: 'p1',
      sections: [block('bl-related', { people: ['p2', 'p3'] })],
      body: {
        schema: 'dast',
        document: {
          type: 'root',
          children: [
            { type: 'paragraph', children: [{ type: 'itemLink', item: 'p4', children: [] }] },
            { type: 'block', item: block('bl-quote', { by: 'p5' }) },
          ],
        },
      },
    });
    const refs = scanRecord(article, linkFields, new Set(['p1', 'p2', 'p4', 'p5', 'p9']));
    expect(refs.map((r) => [r.target, r.field.apiKey, r.others])).toEqual([
      ['p1', 'author', []],
      ['p2', 'people', ['p3']],
      ['p4', 'body', []],
      ['p5', 'by', []],
    ]);
  });

  it('reads localized link fields per locale', () => {
    const localized = parseLinkField(
      field(
        'f-l',
        'it-article',
        'lead',
        'links',
        { items_item_type: { item_types: ['x'] } },
        {
          localized: true,
        },
      ),
      types[0],
    )!;
    const refs = scanRecord(
      record('a', 'it-article', { lead: { en: ['p1', 'p2'], fr: ['p1'] } }),
      new Map([['it-article:lead', localized]]),
      new Set(['p1']),
    );
    // One reference per field: the first locale's value names the others.
    expect(refs).toHaveLength(1);
    expect(refs[0]!.others).toEqual(['p2']);
  });
});

/** A fake CMA holding `articles` records, answering as the sources describe. */
function fakeSource(articles: number, linkEvery: number) {
  const calls: string[] = [];
  const all = Array.from({ length: articles }, (_, i) =>
    record(`a${i}`, 'it-article', {
      author: i % linkEvery === 0 ? `p${i}` : null,
      sections: i % linkEvery === 1 ? [block('bl-related', { people: [`p${i}`] })] : [],
    }),
  );
  const matches = (q: ListQuery) => {
    const fields = (q.filter.fields ?? {}) as Record<string, { in?: string[] }>;
    return fields.author?.in
      ? all.filter((a) => fields.author!.in!.includes(String(a.attributes!.author)))
      : all;
  };
  const source: ReferenceSource = {
    referencingFields: async (id) => {
      calls.push(`fields/referencing ${id}`);
      if (id === 'it-author') return [authorField, relatedField];
      if (id === 'bl-related') return [sectionsField];
      return [];
    },
    itemTypes: async () => {
      calls.push('item-types');
      return types;
    },
    listItems: async (q) => {
      calls.push(`items ${JSON.stringify(q)}`);
      return matches(q);
    },
    countItems: async (q) => {
      calls.push(`count ${JSON.stringify(q.filter)}`);
      return matches(q).length;
    },
    references: async (id, version) => {
      calls.push(`references ${id} ${version}`);
      return all.filter((a) => JSON.stringify(a.attributes).includes(`"${id}"`));
    },
  };
  return { source, calls };
}

describe('findReferences', () => {
  const scope = (n: number) =>
    new Map([['it-author', Array.from({ length: n }, (_, i) => `p${i}`)]]);

  it('a 1,500-record scope: filters on the direct field, one scan of the embedding model', async () => {
    const { source } = fakeSource(1000, 3);
    const found = await findReferences(source, scope(1500), { locales: ['en'] });
    expect(found.plan).toBe('filters');
    // 2 schema reads + 8 batches × 2 versions on Article › author + 1 walk-up + 1 count
    // + 34 pages × 2 versions of nested articles.
    expect(found.requests).toBe(2 + 16 + 1 + 1 + 68);
    expect(found.references.get('p0')!.map((r) => [r.referrer, r.field.apiKey])).toEqual([
      ['a0', 'author'],
    ]);
    expect(found.references.get('p1')!.map((r) => [r.referrer, r.field.apiKey])).toEqual([
      ['a1', 'people'],
    ]);
    expect(found.references.has('p2')).toBe(false);
    // The filter never names a block model.
    expect(found.referrers.get('a0')?.id).toBe('a0');
  });

  it('a few records: one references call each', async () => {
    const { source, calls } = fakeSource(1000, 3);
    const found = await findReferences(source, scope(3), { locales: ['en'] });
    expect(found.plan).toBe('per-record');
    expect(found.requests).toBe(2 + 6);
    expect(calls.filter((c) => c.startsWith('references'))).toEqual([
      'references p0 current',
      'references p0 published',
      'references p1 current',
      'references p1 published',
      'references p2 current',
      'references p2 published',
    ]);
    expect(found.references.get('p1')![0]!.field.apiKey).toBe('people');
  });

  it('no field links to the model: one request', async () => {
    const { source } = fakeSource(10, 3);
    const found = await findReferences(source, new Map([['it-article', ['a1']]]), {
      locales: ['en'],
    });
    expect(found).toMatchObject({ plan: 'none', requests: 1 });
  });
});
