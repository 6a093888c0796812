/**
 * Block models, links held inside blocks, and what each linking field's delete / unpublish
 * strategy does, with the real client (demo records r01611–r01635, see docs/simulator.md).
 */
import type { Client } from '@datocms/cma-client-browser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../sandbox/sim/server';
import { admin, apiError, errorCode, fastClient, startFastSimulator, state } from './sim-helpers';

let running: RunningSimulator;
let client: Client;

beforeAll(async () => {
  running = await startFastSimulator();
  client = fastClient(running.url);
});
afterAll(() => running.close());
beforeEach(() => admin(running.url, 'POST', '/__sim/reset', { seed: 'demo' }));

const HERO_AUTHOR = 'r01611'; // hero_block.author: delete fail, unpublish unpublish (pages 1–4)
const SPONSOR = 'r01612'; // landing_page.sponsors: delete fail, unpublish delete_references (5–8)
const FREE_AUTHOR = 'r01613';
const RELATED = 'r01615'; // related_block.articles: delete / unpublish delete_references
const FEATURED = 'r01620'; // landing_page.featured: delete delete_references, unpublish unpublish
const CTA = 'r01622'; // cta_block.target (required): delete delete_references, unpublish fail
const PAGES = Array.from({ length: 12 }, (_, i) => `r${String(1624 + i).padStart(5, '0')}`);

type Raw = Record<string, unknown>;
const itemsRef = (ids: string[]) => ids.map((id) => ({ type: 'item' as const, id }));
const statusOf = async (id: string) =>
  (await state(running.url, 'items')).items.find((item) => item.id === id)?.status;

async function page(id: string, nested = false): Promise<Raw> {
  return (await client.items.rawFind(id, { nested })).data.attributes as Raw;
}

/** Record ids held by a landing page, blocks included (nested read). */
async function linksOf(id: string): Promise<string[]> {
  const attributes = await page(id, true);
  const blocks = [
    ...(attributes.sections as { attributes: Raw }[]),
    ...(
      (attributes.content as { document: { children: { type: string; item?: unknown }[] } })
        .document.children ?? []
    )
      .filter((node) => node.type === 'block')
      .map((node) => node.item as { attributes: Raw }),
  ];
  const values = [attributes, ...blocks.map((block) => block.attributes)].flatMap((values) =>
    ['author', 'articles', 'target', 'featured', 'sponsors'].flatMap((key) => values[key] ?? []),
  );
  return values.flat().filter((value): value is string => typeof value === 'string');
}

describe('simulator blocks', () => {
  it('lists block models with the models; fields reference models and blocks', async () => {
    const models = await client.itemTypes.list();
    const hero = models.find((model) => model.api_key === 'hero_block');
    expect(hero?.modular_block).toBe(true);
    expect(hero?.draft_mode_active).toBe(false);
    const fields = await client.fields.list('landing_page');
    const sections = fields.find((field) => field.api_key === 'sections');
    expect(sections?.field_type).toBe('rich_text');
    expect(sections?.validators).toEqual({
      rich_text_blocks: { item_types: ['it-hero-block', 'it-related-block'] },
    });
    const title = fields.find((field) => field.api_key === 'title');
    expect(title?.localized).toBe(true);
    const content = fields.find((field) => field.api_key === 'content');
    expect(content?.field_type).toBe('structured_text');
    expect(content?.validators).toMatchObject({
      structured_text_blocks: { item_types: ['it-cta-block'] },
    });
    const author = (await client.fields.list('hero_block')).find((f) => f.api_key === 'author');
    expect(author?.validators).toEqual({
      item_item_type: {
        item_types: ['it-author'],
        on_reference_delete_strategy: 'fail',
        on_reference_unpublish_strategy: 'unpublish',
      },
    });
    // A field that stores no strategies sends none: the API's defaults apply.
    const related = (await client.fields.list('product')).find((f) => f.api_key === 'related');
    expect(related?.validators).toEqual({ items_item_type: { item_types: ['it-product'] } });

    const referencingAuthor = await client.fields.referencing('author');
    expect(referencingAuthor.map((field) => field.id).sort()).toEqual(
      ['fld-article-author', 'fld-hero_block-author', 'fld-landing_page-sponsors'].sort(),
    );
    const referencingHero = await client.fields.referencing('hero_block');
    expect(referencingHero.map((field) => field.id)).toEqual(['fld-landing_page-sections']);
    const models2 = await client.itemTypes.referencing('article');
    expect(models2.map((model) => model.api_key)).toEqual(['related_block']);
  });

  it('serves blocks as ids, or in full with nested (page size then at most 30)', async () => {
    const regular = await page(PAGES[0] ?? '');
    expect(regular.sections).toEqual([
      expect.stringMatching(/^b\d+$/),
      expect.stringMatching(/^b\d+$/),
    ]);
    expect(regular.title).toEqual({ en: 'Landing page 1', fr: 'Page d’accueil 1' });
    const nested = await page(PAGES[0] ?? '', true);
    const [hero] = nested.sections as { type: string; relationships: Raw; attributes: Raw }[];
    expect(hero?.type).toBe('item');
    expect(hero?.relationships.item_type).toEqual({
      data: { type: 'item_type', id: 'it-hero-block' },
    });
    expect(hero?.attributes.author).toBe(HERO_AUTHOR);
    const doc = nested.content as { document: { children: { type: string; item: Raw }[] } };
    expect(doc.document.children[1]?.item).toMatchObject({ attributes: { target: 'r01623' } });

    const tooBig = await apiError(
      client.items.rawList({ filter: { type: 'landing_page' }, nested: true, page: { limit: 31 } }),
    );
    expect(errorCode(tooBig)).toBe('INVALID_FORMAT');
    const blocks = await client.items.rawList({ filter: { type: 'hero_block' } });
    expect(blocks.meta.total_count).toBe(12);
    expect(blocks.data[0]?.relationships.item_type.data.id).toBe('it-hero-block');
    // Model-specific filters do not work on block models; blocks cannot be fetched directly.
    const onBlock = await apiError(
      client.items.rawList({ filter: { type: 'hero_block', fields: { headline: { eq: 'x' } } } }),
    );
    expect(errorCode(onBlock)).toBe('INVALID_FILTER_FIELDS_PARAM');
    const direct = await apiError(client.items.find(blocks.data[0]?.id ?? ''));
    expect(direct.response.status).toBe(404);
  });

  it('finds records linking through blocks, for records and assets', async () => {
    const referrers = await client.items.references(HERO_AUTHOR);
    expect(referrers.map((item) => item.id).sort()).toEqual(PAGES.slice(0, 4));
    const viaCta = await client.items.references(CTA);
    expect(viaCta.map((item) => item.id)).toContain(PAGES[1]);
    const avatar = (await client.items.find('r00001')).avatar as { upload_id: string };
    const uses = await client.uploads.references(avatar.upload_id);
    expect(uses.map((item) => item.id)).toEqual(expect.arrayContaining(['r00001', ...PAGES]));
  });
});

describe('simulator block seeding', () => {
  it('seeds records with blocks through /__sim/items (blocks get ids) and reports links in the state', async () => {
    const { ids } = await admin<{ ids: string[] }>(running.url, 'POST', '/__sim/items', {
      item_type: 'landing_page',
      status: 'published',
      attributes: {
        title: { en: 'Seeded', fr: 'Semé' },
        sections: [{ item_type: 'related_block', attributes: { articles: ['r00091'] } }],
      },
    });
    const id = ids[0] ?? '';
    expect((await page(id)).sections).toEqual([expect.stringMatching(/^b\d+$/)]);
    expect((await client.items.references('r00091')).map((item) => item.id)).toEqual([id]);
    const seeded = (await state(running.url, 'items')).items.find((item) => item.id === id);
    expect(seeded?.links).toEqual(['r00091']);
    expect(seeded?.published_links).toEqual(['r00091']);
    await client.items.destroy('r00091');
    const after = (await state(running.url, 'items')).items.find((item) => item.id === id);
    expect(after?.links).toEqual([]);
    expect(after?.published_links).toEqual([]);
  });
});

describe('simulator link strategies on delete', () => {
  it('refuses deleting a record a `fail` field links to, inside a block or not', async () => {
    for (const id of [HERO_AUTHOR, SPONSOR]) {
      const error = await apiError(client.items.destroy(id));
      expect(error.response.status).toBe(422);
      expect(errorCode(error)).toBe('DELETE_RESTRICTION');
    }
    const hero = await apiError(client.items.destroy(HERO_AUTHOR));
    expect(hero.errors[0]?.attributes.details).toMatchObject({
      references: expect.arrayContaining(PAGES.slice(0, 4)),
      fields: expect.arrayContaining([
        { item: PAGES[0], field: 'author', field_id: 'fld-hero_block-author' },
      ]),
    });
    expect(await statusOf(HERO_AUTHOR)).toBe('published');
  });

  it('removes the links of `delete_references` fields (inside blocks too) and deletes', async () => {
    const linking = (await client.items.references(RELATED)).map((item) => item.id);
    expect(linking.length).toBeGreaterThan(0);
    await client.items.destroy(RELATED);
    for (const id of linking) expect(await linksOf(id)).not.toContain(RELATED);
    expect(await statusOf(RELATED)).toBeUndefined();
    // Status of the linking records is unchanged.
    expect(await statusOf(linking[0] ?? '')).toBe('published');

    await client.items.destroy(FEATURED);
    // Page n features r01620 when n is even (index odd).
    for (const id of PAGES.filter((_, i) => i % 2 === 1)) {
      expect((await page(id)).featured).toBeNull();
    }
  });

  it('refuses `delete_references` on a required field: the link cannot be emptied', async () => {
    const error = await apiError(client.items.destroy(CTA));
    expect(errorCode(error)).toBe('DELETE_RESTRICTION');
    expect(await statusOf(CTA)).toBe('published');
  });

  it('applies the same strategies in bulk destroy, counting refusals as failed', async () => {
    const linking = (await client.items.references('r01616')).map((item) => item.id);
    const result = await client.items.rawBulkDestroy({
      data: {
        type: 'item_bulk_destroy_operation',
        relationships: { items: { data: itemsRef(['r01616', HERO_AUTHOR, FREE_AUTHOR, CTA]) } },
      },
    });
    expect(result.meta).toEqual({ successful: 2, failed: 2 });
    for (const id of linking) expect(await linksOf(id)).not.toContain('r01616');
    expect(await statusOf(HERO_AUTHOR)).toBe('published');
    expect(await statusOf(FREE_AUTHOR)).toBeUndefined();
  });
});

describe('simulator link strategies on unpublish', () => {
  it('`unpublish` takes the linking records offline too', async () => {
    await client.items.unpublish(HERO_AUTHOR);
    expect(await statusOf(HERO_AUTHOR)).toBe('draft');
    for (const id of PAGES.slice(0, 4)) expect(await statusOf(id)).toBe('draft');
    expect(await statusOf(PAGES[4] ?? '')).toBe('published');
  });

  it('`delete_references` removes the link from live linking records', async () => {
    await client.items.unpublish(SPONSOR);
    expect(await statusOf(SPONSOR)).toBe('draft');
    for (const id of PAGES.slice(4, 8)) {
      expect((await page(id)).sponsors).toEqual([]);
      expect(await statusOf(id)).toBe('published');
    }
  });

  it('`fail` refuses with PUBLISHED_REFERENCES, naming the field', async () => {
    const error = await apiError(client.items.unpublish(CTA));
    expect(errorCode(error)).toBe('PUBLISHED_REFERENCES');
    expect(error.errors[0]?.attributes.details).toMatchObject({
      fields: [expect.objectContaining({ field: 'target', field_id: 'fld-cta_block-target' })],
    });
    expect(await statusOf(CTA)).toBe('published');
  });

  it('cascades `unpublish` in bulk and counts refusals as failed', async () => {
    const linkingRelated = (await client.items.references(RELATED)).map((item) => item.id);
    const result = await client.items.rawBulkUnpublish({
      data: {
        type: 'item_bulk_unpublish_operation',
        // In the order sent: CTA first, while the pages that need it are still live.
        relationships: { items: { data: itemsRef([CTA, FEATURED, RELATED]) } },
      },
    });
    expect(result.meta).toEqual({ successful: 2, failed: 1 });
    // Pages featuring r01620 (n even, index odd) went offline with it.
    const featuring = PAGES.filter((_, i) => i % 2 === 1);
    for (const id of featuring) expect(await statusOf(id)).toBe('draft');
    for (const id of PAGES.filter((_, i) => i % 2 === 0 && i < 8)) {
      expect(await statusOf(id)).toBe('published');
    }
    expect(await statusOf(CTA)).toBe('published');
    expect(await statusOf(RELATED)).toBe('draft');
    expect(linkingRelated.length).toBeGreaterThan(0);
    // Live pages lost the link; pages already taken offline by the cascade keep theirs (a draft
    // may link an unpublished record).
    for (const id of linkingRelated) {
      const live = (await statusOf(id)) !== 'draft';
      expect((await linksOf(id)).includes(RELATED), id).toBe(!live);
    }
  });
});
