import type { Client, RawApiTypes } from '@datocms/cma-client-browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../sandbox/sim/server';
import { apiError, cma, errorCode, fastClient, startFastSimulator, state } from './sim-helpers';

let running: RunningSimulator;
let client: Client;

beforeAll(async () => {
  running = await startFastSimulator();
  client = fastClient(running.url);
});
afterAll(() => running.close());

describe('simulator reads: schema', () => {
  it('serves the site, models, fields and the workflow', async () => {
    const site = await client.site.find();
    expect(site.locales).toEqual(['en', 'fr']);

    const models = await client.itemTypes.list();
    // Block models are listed with the models (agent-skills schema.md), flagged modular_block.
    expect(models.filter((m) => !m.modular_block).map((model) => model.api_key)).toEqual([
      'author',
      'category',
      'article',
      'product',
      'press_release',
      'page',
      'landing_page',
    ]);
    expect(models.filter((m) => m.modular_block).map((model) => model.api_key)).toEqual([
      'hero_block',
      'related_block',
      'cta_block',
    ]);
    const category = models.find((model) => model.api_key === 'category');
    expect(category?.tree).toBe(true);
    expect(models.find((model) => model.api_key === 'page')?.draft_mode_active).toBe(false);

    // A model can be found by api_key as well as by id.
    const article = await client.itemTypes.find('article');
    expect(article.id).toBe('it-article');
    const fields = await client.fields.list('it-article');
    expect(fields.map((field) => field.api_key)).toEqual([
      'title',
      'slug',
      'body',
      'cover',
      'gallery',
      'author',
      'category',
    ]);
    expect(fields[0]?.validators).toEqual({ required: {} });

    const workflows = await client.workflows.list();
    expect(workflows).toHaveLength(1);
    expect(workflows[0]?.stages.map((stage) => stage.id)).toEqual([
      'drafting',
      'in_review',
      'approved',
      'archived',
    ]);
    const field = await client.fields.find(fields[0]?.id ?? '');
    expect(field.api_key).toBe('title');
    expect(errorCode(await apiError(client.itemTypes.find('nope')))).toBe('NOT_FOUND');
    const press = await client.itemTypes.find('press_release');
    expect(press.workflow).toEqual({ type: 'workflow', id: workflows[0]?.id });
    expect((await client.workflows.find(workflows[0]?.id ?? '')).api_key).toBe('editorial');
    expect((await client.roles.find('role-editor')).name).toBe('Editor');
  });
});

describe('simulator reads: uploads', () => {
  it('pages through every asset with meta.total_count', async () => {
    const first = await client.uploads.rawList({ page: { limit: 500, offset: 0 } });
    expect(first.data).toHaveLength(500);
    expect(first.meta.total_count).toBe(2400);
    const ids = new Set<string>();
    // Pages are only consistent with an order_by (see the ordering tests).
    for await (const upload of client.uploads.listPagedIterator(
      { order_by: '_created_at_DESC' },
      { perPage: 500, concurrency: 3 },
    )) {
      ids.add(upload.id);
    }
    expect(ids.size).toBe(2400);
    const defaultPage = await client.uploads.rawList();
    expect(defaultPage.data).toHaveLength(30);
  });

  it('rejects page[limit] above 500 with 422 INVALID_FORMAT', async () => {
    const error = await apiError(client.uploads.rawList({ page: { limit: 501 } }));
    expect(error.response.status).toBe(422);
    expect(errorCode(error)).toBe('INVALID_FORMAT');
    expect(error.errors[0]?.attributes.details.messages).toEqual([
      expect.stringContaining('page/limit'),
    ]);
  });

  it('filters by ids, text, type, tags, collection, usage, mime type and size', async () => {
    const snapshot = await state(running.url);
    const byTags = (predicate: (tags: string[]) => boolean) =>
      snapshot.uploads
        .filter((upload) => predicate(upload.tags))
        .map((upload) => upload.id)
        .sort();
    const ids = (list: { id: string }[]) => list.map((upload) => upload.id).sort();
    const all = { page: { limit: 500 } };
    const listAll = async (filter: Record<string, unknown>) => {
      const out: RawApiTypes.Upload[] = [];
      for await (const upload of client.uploads.rawListPagedIterator(
        { filter, order_by: 'id_ASC' },
        { perPage: 500 },
      )) {
        out.push(upload);
      }
      return out;
    };

    const picked = await client.uploads.list({ filter: { ids: 'u00001,u00002,u00003' }, ...all });
    expect(ids(picked)).toEqual(['u00001', 'u00002', 'u00003']);

    expect(ids(await listAll({ fields: { tags: { contains: 'hero' } } }))).toEqual(
      byTags((tags) => tags.includes('hero')),
    );
    expect(ids(await listAll({ fields: { tags: { any_in: ['hero', 'logo'] } } }))).toEqual(
      byTags((tags) => tags.includes('hero') || tags.includes('logo')),
    );
    expect(ids(await listAll({ fields: { tags: { all_in: ['hero', 'web'] } } }))).toEqual(
      byTags((tags) => tags.includes('hero') && tags.includes('web')),
    );
    expect(ids(await listAll({ fields: { tags: { not_in: ['hero'] } } }))).toEqual(
      byTags((tags) => !tags.includes('hero')),
    );

    const inShoes = await listAll({ fields: { upload_collection: { eq: 'col-shoes' } } });
    expect(ids(inShoes)).toEqual(
      snapshot.uploads
        .filter((u) => u.upload_collection === 'col-shoes')
        .map((u) => u.id)
        .sort(),
    );
    expect(inShoes.length).toBeGreaterThan(50);
    const atRoot = await listAll({ fields: { upload_collection: { eq: 'null' } } });
    expect(atRoot.length).toBe(snapshot.uploads.filter((u) => u.upload_collection === null).length);
    expect(atRoot.length).toBeGreaterThan(100);

    const unused = await listAll({ fields: { in_use: { eq: false } } });
    const used = await listAll({ fields: { in_use: { eq: true } } });
    expect(used.length).toBe(snapshot.uploads.filter((u) => u.in_use).length);
    expect(used.length + unused.length).toBe(2400);
    expect(used.length).toBeGreaterThan(300);

    const images = await client.uploads.rawList({
      filter: { fields: { type: { eq: 'image' } } },
      ...all,
    });
    const videos = await client.uploads.rawList({
      filter: { fields: { type: { eq: 'video' } } },
      ...all,
    });
    expect(images.data.every((upload) => upload.attributes.is_image)).toBe(true);
    expect(videos.data.every((upload) => upload.attributes.mime_type?.startsWith('video/'))).toBe(
      true,
    );
    expect(images.meta.total_count).toBeGreaterThan(1400);
    expect(videos.meta.total_count).toBeGreaterThan(150);

    const pdfs = await client.uploads.rawList({
      filter: { fields: { mime_type: { eq: 'application/pdf' } } },
    });
    expect(pdfs.meta.total_count).toBeGreaterThan(100);
    const big = await listAll({ fields: { size: { gt: 100_000_000 } } });
    expect(big.length).toBeGreaterThan(0);
    for (const upload of big) expect(upload.attributes.size).toBeGreaterThan(100_000_000);

    const sneakers = await listAll({ query: 'SNEAKER' });
    expect(ids(sneakers)).toEqual(
      snapshot.uploads
        .filter((u) => u.filename.includes('sneaker'))
        .map((u) => u.id)
        .sort(),
    );
    expect(sneakers.length).toBeGreaterThan(20);
  });

  it('answers 422 INVALID_FILTER_FIELDS_PARAM for unknown filter keys or operators', async () => {
    const unknownField = await apiError(
      client.uploads.rawList({ filter: { fields: { colour: { eq: 'red' } } } }),
    );
    expect(unknownField.response.status).toBe(422);
    expect(errorCode(unknownField)).toBe('INVALID_FILTER_FIELDS_PARAM');
    const badType = await apiError(
      client.uploads.rawList({ filter: { fields: { type: { eq: 'pdf' } } } }),
    );
    expect(errorCode(badType)).toBe('INVALID_FILTER_FIELDS_PARAM');
    const badOperator = await apiError(
      client.uploads.rawList({ filter: { fields: { size: { contains: '1' } } } }),
    );
    expect(errorCode(badOperator)).toBe('INVALID_FILTER_FIELDS_PARAM');
  });

  it('finds one upload and 404s on unknown ids', async () => {
    const upload = await client.uploads.find('u00010');
    expect(upload.id).toBe('u00010');
    expect(upload.url).toMatch(new RegExp(`^${running.url}/__sim/assets/u00010/`));
    const placeholder = await fetch(upload.url);
    expect(placeholder.headers.get('content-type')).toMatch(/image\/svg\+xml/);
    const error = await apiError(client.uploads.find('nope'));
    expect(error.response.status).toBe(404);
    expect(errorCode(error)).toBe('NOT_FOUND');
  });

  it('lists tags (paged, default 50) and smart tags, and nested collections', async () => {
    const page = await cma(running.url, 'GET', '/upload-tags');
    const body = page.json as {
      data: { attributes: { name: string } }[];
      meta: { total_count: number };
    };
    expect(body.meta.total_count).toBe(36);
    expect(body.data).toHaveLength(36);
    const listed = await client.uploadTags.list({ filter: { query: 'campaign' } });
    expect(listed.map((tag) => tag.name).sort()).toEqual(['campaign-2025', 'campaign-2026']);
    const smart = await client.uploadSmartTags.list();
    expect(smart.length).toBeGreaterThan(3);

    const collections = await client.uploadCollections.list();
    expect(collections).toHaveLength(12);
    const campaigns = collections.find((collection) => collection.id === 'col-campaigns');
    expect(campaigns?.label).toBe('Campaigns');
    expect(campaigns?.parent).toEqual({ type: 'upload_collection', id: 'col-marketing' });
    expect(campaigns?.children.map((child) => child.id)).toEqual([
      'col-campaigns-2025',
      'col-campaigns-2026',
    ]);
    const some = await client.uploadCollections.list({ filter: { ids: 'col-shoes,col-bags' } });
    expect(some.map((collection) => collection.id).sort()).toEqual(['col-bags', 'col-shoes']);
    const one = await client.uploadCollections.find('col-archive-2024');
    expect(one.label).toBe('2024');
    expect(errorCode(await apiError(client.uploadCollections.find('col-nope')))).toBe('NOT_FOUND');
  });
});

describe('simulator reads: records', () => {
  it('lists records with status filters, type by api_key or id, and total_count', async () => {
    const snapshot = await state(running.url);
    const articles = snapshot.items.filter((item) => item.item_type === 'article');
    const byApiKey = await client.items.rawList({
      filter: { type: 'article' },
      page: { limit: 1 },
    });
    expect(byApiKey.meta.total_count).toBe(articles.length);
    const byId = await client.items.rawList({ filter: { type: 'it-article' }, page: { limit: 1 } });
    expect(byId.meta.total_count).toBe(articles.length);
    const two = await client.items.rawList({
      filter: { type: 'article,author' },
      page: { limit: 1 },
    });
    expect(two.meta.total_count).toBe(
      articles.length + snapshot.items.filter((item) => item.item_type === 'author').length,
    );

    const drafts = await client.items.rawList({
      filter: { type: 'article', fields: { _status: { eq: 'draft' } } },
      page: { limit: 500 },
    });
    expect(drafts.meta.total_count).toBe(articles.filter((item) => item.status === 'draft').length);
    expect(drafts.data.every((item) => item.meta.status === 'draft')).toBe(true);
    const notDraft = await client.items.rawList({
      filter: { type: 'article', fields: { _status: { notIn: ['draft'] } } },
      page: { limit: 1 },
    });
    expect(notDraft.meta.total_count).toBe(
      articles.filter((item) => item.status !== 'draft').length,
    );
    const inList = await client.items.rawList({
      filter: { type: 'article', fields: { _status: { in: ['updated', 'published'] } } },
      page: { limit: 1 },
    });
    expect(inList.meta.total_count).toBe(notDraft.meta.total_count);
    const invalid = await client.items.rawList({
      filter: { type: 'article', fields: { _is_valid: { eq: false } } },
      page: { limit: 100 },
    });
    expect(invalid.data.length).toBe(articles.filter((item) => !item.is_valid).length);
    expect(invalid.data.length).toBeGreaterThan(10);
    expect(invalid.data.every((item) => item.meta.is_valid === false)).toBe(true);

    const all: string[] = [];
    for await (const item of client.items.listPagedIterator({}, { perPage: 500, concurrency: 2 })) {
      all.push(item.id);
    }
    expect(all.length).toBe(snapshot.items.length);
    expect(all.length).toBeGreaterThanOrEqual(1500);
  });

  it('filters on model fields with a single type and text queries', async () => {
    const matches = await client.items.list({
      filter: { type: 'article', fields: { title: { matches: { pattern: 'story 12$' } } } },
    });
    expect(matches.map((item) => item.title)).toEqual([expect.stringMatching(/story 12$/)]);
    const byAuthor = await client.items.rawList({
      filter: { type: 'article', fields: { author: { eq: 'r00001' } } },
      page: { limit: 500 },
    });
    expect(byAuthor.data.length).toBeGreaterThan(0);
    expect(byAuthor.data.every((item) => item.attributes.author === 'r00001')).toBe(true);
    const query = await client.items.rawList({
      filter: { type: 'press_release', query: 'release 7' },
    });
    expect(query.data.map((item) => item.attributes.title)).toContain('Press release 7');
  });

  it('orders records and uploads with order_by, and rejects unknown keys', async () => {
    const byTitle = await client.items.list({
      filter: { type: 'author' },
      order_by: 'name_DESC',
      page: { limit: 3 },
    });
    expect(byTitle.map((item) => item.name)).toEqual([
      'Guest author 3',
      'Guest author 2',
      'Guest author 1',
    ]);
    const bySize = await client.uploads.rawList({ order_by: 'size_ASC', page: { limit: 50 } });
    const sizes = bySize.data.map((upload) => upload.attributes.size);
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
    const bad = await apiError(client.uploads.rawList({ order_by: 'colour_ASC' }));
    expect(bad.response.status).toBe(422);
    expect(errorCode(bad)).toBe('INVALID_ORDERING');
  });

  it('answers 422 for ids combined with type, unknown models and model fields without a type', async () => {
    const combined = await apiError(
      client.items.list({ filter: { ids: 'r00001', type: 'article' } }),
    );
    expect(combined.response.status).toBe(422);
    expect(errorCode(combined)).toBe('INVALID_PARAMS');
    expect(errorCode(await apiError(client.items.list({ filter: { type: 'nope' } })))).toBe(
      'ITEM_TYPE_NOT_FOUND',
    );
    const noType = await apiError(
      client.items.list({ filter: { fields: { title: { eq: 'x' } } } }),
    );
    expect(errorCode(noType)).toBe('INVALID_FILTER_FIELDS_PARAM');
    const tooMany = await apiError(client.items.list({ page: { limit: 501 } }));
    expect(errorCode(tooMany)).toBe('INVALID_FORMAT');
  });

  it('serves the published version and record meta', async () => {
    const snapshot = await state(running.url);
    const updated = snapshot.items.find(
      (item) => item.item_type === 'article' && item.status === 'updated' && !item.is_valid,
    );
    expect(updated).toBeDefined();
    const current = await client.items.rawFind(updated?.id ?? '');
    const live = await client.items.rawFind(updated?.id ?? '', { version: 'published' });
    expect(current.data.attributes.title).toBe('');
    expect(live.data.attributes.title).not.toBe('');
    expect(current.data.meta).toMatchObject({
      status: 'updated',
      is_valid: false,
      is_current_version_valid: false,
      is_published_version_valid: true,
    });
    const publishedOnly = await client.items.rawList({
      filter: { type: 'article' },
      version: 'published',
      page: { limit: 1 },
    });
    expect(publishedOnly.meta.total_count).toBe(
      snapshot.items.filter((item) => item.item_type === 'article' && item.status !== 'draft')
        .length,
    );
    const tree = await client.items.rawList({ filter: { type: 'category' }, page: { limit: 100 } });
    const root = tree.data.find((item) => item.attributes.parent_id === null);
    expect(root?.meta.has_children).toBe(true);
    const press = await client.items.rawList({
      filter: { type: 'press_release' },
      order_by: 'id_ASC',
      page: { limit: 4 },
    });
    expect(press.data.map((item) => item.meta.stage)).toEqual([
      'drafting',
      'in_review',
      'approved',
      'archived',
    ]);
    expect(errorCode(await apiError(client.items.find('r99999')))).toBe('NOT_FOUND');
  });

  it('lists what references an asset or a record', async () => {
    const snapshot = await state(running.url);
    const used = snapshot.uploads.find((upload) => upload.in_use);
    const references = await client.uploads.references(used?.id ?? '');
    expect(references.map((item) => item.id).sort()).toEqual([...(used?.used_by ?? [])].sort());
    const authorRefs = await client.items.references('r00001');
    expect(authorRefs.length).toBeGreaterThan(0);
    expect(authorRefs.every((item) => item.author === 'r00001')).toBe(true);
  });
});
