import type { Client } from '@datocms/cma-client-browser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../sandbox/sim/server';
import {
  admin,
  apiError,
  cma,
  EDITOR,
  errorCode,
  fastClient,
  jsonApiError,
  startFastSimulator,
  state,
} from './sim-helpers';

let running: RunningSimulator;
let client: Client;
let editor: Client;

beforeAll(async () => {
  running = await startFastSimulator();
  client = fastClient(running.url);
  editor = fastClient(running.url, EDITOR);
});
afterAll(() => running.close());
beforeEach(() => admin(running.url, 'POST', '/__sim/reset', { seed: 'demo' }));

const uploadRefs = (ids: string[]) => ids.map((id) => ({ type: 'upload' as const, id }));

describe('simulator uploads: bulk jobs', () => {
  it('bulk-tags assets (adding, not replacing) and counts unknown ids as failed', async () => {
    const before = await state(running.url, 'uploads', 'upload_collections', 'tags');
    const targets = before.uploads.slice(0, 5);
    const result = await client.uploads.rawBulkTag({
      data: {
        type: 'upload_bulk_tag_operation',
        attributes: { tags: ['bulk-new', 'hero'] },
        relationships: { uploads: { data: uploadRefs([...targets.map((u) => u.id), 'u99999']) } },
      },
    });
    expect(result).toEqual({ data: [], meta: { successful: 5, failed: 1 } });
    const after = await state(running.url, 'uploads', 'upload_collections', 'tags');
    for (const target of targets) {
      const now = after.uploads.find((upload) => upload.id === target.id);
      expect(now?.tags).toEqual([...new Set([...target.tags, 'bulk-new', 'hero'])]);
    }
    expect(after.tags).toContain('bulk-new');
    // The simple method resolves to the payload's data only.
    const simple = await client.uploads.bulkTag({ tags: ['x'], uploads: uploadRefs(['u00001']) });
    expect(simple).toEqual([]);
  });

  it('moves assets to a collection and back to the root', async () => {
    const result = await client.uploads.rawBulkSetUploadCollection({
      data: {
        type: 'upload_bulk_set_upload_collection_operation',
        relationships: {
          upload_collection: { data: { type: 'upload_collection', id: 'col-press' } },
          uploads: { data: uploadRefs(['u00001', 'u00002', 'u00003']) },
        },
      },
    });
    expect(result.meta).toEqual({ successful: 3, failed: 0 });
    let snapshot = await state(running.url, 'uploads', 'upload_collections', 'tags');
    expect(
      snapshot.uploads
        .filter((u) => ['u00001', 'u00002', 'u00003'].includes(u.id))
        .map((u) => u.upload_collection),
    ).toEqual(['col-press', 'col-press', 'col-press']);

    await client.uploads.bulkSetUploadCollection({
      upload_collection: null,
      uploads: uploadRefs(['u00002']),
    });
    snapshot = await state(running.url, 'uploads', 'upload_collections', 'tags');
    expect(snapshot.uploads.find((u) => u.id === 'u00002')?.upload_collection).toBeNull();

    const missing = await apiError(
      client.uploads.bulkSetUploadCollection({
        upload_collection: { type: 'upload_collection', id: 'col-nope' },
        uploads: uploadRefs(['u00001']),
      }),
    );
    expect(missing.response.status).toBe(422);
    expect(errorCode(missing)).toBe('INVALID_FIELD');
  });

  it('bulk-destroys assets, in use or not (references then point at a missing asset)', async () => {
    const before = await state(running.url, 'uploads', 'upload_collections', 'tags');
    const used = before.uploads
      .filter((u) => u.in_use)
      .slice(0, 3)
      .map((u) => u.id);
    const unused = before.uploads
      .filter((u) => !u.in_use)
      .slice(0, 7)
      .map((u) => u.id);
    const result = await client.uploads.rawBulkDestroy({
      data: {
        type: 'upload_bulk_destroy_operation',
        relationships: { uploads: { data: uploadRefs([...used, ...unused]) } },
      },
    });
    expect(result.meta).toEqual({ successful: 10, failed: 0 });
    const after = await state(running.url, 'uploads', 'upload_collections', 'tags');
    const left = new Set(after.uploads.map((u) => u.id));
    expect([...used, ...unused].some((id) => left.has(id))).toBe(false);
    expect(after.counts.uploads).toBe(before.counts.uploads - 10);
  });

  it('refuses an empty upload list and invalid bodies without creating a job', async () => {
    const empty = await apiError(client.uploads.bulkDestroy({ uploads: [] }));
    expect(errorCode(empty)).toBe('MISSING_UPLOAD_IDS');
    const blankTag = await apiError(
      client.uploads.bulkTag({ tags: [' '], uploads: uploadRefs(['u00001']) }),
    );
    expect(errorCode(blankTag)).toBe('INVALID_FIELD');
    const wrongType = await cma(running.url, 'POST', '/uploads/bulk/tag', {
      body: JSON.stringify({
        data: {
          type: 'upload_bulk_tag_operation',
          attributes: { tags: [42] },
          relationships: { uploads: { data: [{ type: 'upload', id: 'u00001' }] } },
        },
      }),
    });
    expect(wrongType.status).toBe(422);
    const error = jsonApiError(wrongType.json);
    expect(error.code).toBe('INVALID_FORMAT');
    expect(error.details.messages).toEqual([
      expect.stringMatching(/^#\/data\/attributes\/tags\/0: failed schema .*must be string/),
    ]);
    const jobs = await admin<{ data: unknown[] }>(running.url, 'GET', '/__sim/jobs');
    expect(jobs.data).toHaveLength(0);
  });
});

describe('simulator uploads: per-asset writes', () => {
  it('updates tags and collection through PUT /uploads/:id (a job in the CMA)', async () => {
    const updated = await client.uploads.update('u00005', {
      tags: ['only-this'],
      upload_collection: { type: 'upload_collection', id: 'col-bags' },
    });
    expect(updated.tags).toEqual(['only-this']);
    expect(updated.upload_collection).toEqual({ type: 'upload_collection', id: 'col-bags' });
    const snapshot = await state(running.url, 'uploads', 'upload_collections', 'tags');
    expect(snapshot.uploads.find((u) => u.id === 'u00005')).toMatchObject({
      tags: ['only-this'],
      upload_collection: 'col-bags',
    });
    const raw = await cma(running.url, 'PUT', '/uploads/u00005', {
      body: JSON.stringify({ data: { type: 'upload', id: 'u00005', attributes: { tags: [] } } }),
    });
    expect(raw.status).toBe(202);
    expect(raw.json).toEqual({ data: { type: 'job', id: expect.any(String) } });
    expect(errorCode(await apiError(client.uploads.update('u99999', { tags: [] })))).toBe(
      'NOT_FOUND',
    );
    const notStrings = await cma(running.url, 'PUT', '/uploads/u00005', {
      body: JSON.stringify({ data: { type: 'upload', id: 'u00005', attributes: { tags: 'a,b' } } }),
    });
    expect(jsonApiError(notStrings.json).code).toBe('INVALID_FORMAT');
  });

  it('deletes an asset still in use; the records keep pointing at the missing asset', async () => {
    const snapshot = await state(running.url, 'uploads', 'upload_collections', 'tags');
    const used = snapshot.uploads.find((u) => u.in_use && u.used_by.length > 0);
    const record = used?.used_by[0] ?? '';
    const deleted = await client.uploads.destroy(used?.id ?? '');
    expect(deleted.id).toBe(used?.id);
    const after = await state(running.url, 'uploads', 'upload_collections', 'tags');
    expect(after.uploads.some((u) => u.id === used?.id)).toBe(false);
    expect(errorCode(await apiError(client.uploads.find(used?.id ?? '')))).toBe('NOT_FOUND');
    const item = await client.items.find(record);
    expect(JSON.stringify(item)).toContain(`"upload_id":"${used?.id}"`);
  });

  it('fails a job-run update with the injected per-id error', async () => {
    await admin(running.url, 'PUT', '/__sim/faults', {
      failingItemIds: { u00007: 'CONCURRENT_UPLOAD_UPDATE' },
    });
    const error = await apiError(client.uploads.update('u00007', { tags: ['x'] }));
    expect(error.response.status).toBe(422);
    expect(errorCode(error)).toBe('CONCURRENT_UPLOAD_UPDATE');
    const bulk = await client.uploads.rawBulkTag({
      data: {
        type: 'upload_bulk_tag_operation',
        attributes: { tags: ['y'] },
        relationships: { uploads: { data: uploadRefs(['u00006', 'u00007', 'u00008']) } },
      },
    });
    expect(bulk.meta).toEqual({ successful: 2, failed: 1 });
    const snapshot = await state(running.url, 'uploads', 'upload_collections', 'tags');
    expect(snapshot.uploads.find((u) => u.id === 'u00007')?.tags).not.toContain('y');
    expect(snapshot.uploads.find((u) => u.id === 'u00008')?.tags).toContain('y');
  });
});

describe('simulator uploads: editor role', () => {
  it('lets the editor tag and move assets but not delete them or reorder collections', async () => {
    const tagged = await editor.uploads.rawBulkTag({
      data: {
        type: 'upload_bulk_tag_operation',
        attributes: { tags: ['by-editor'] },
        relationships: { uploads: { data: uploadRefs(['u00010']) } },
      },
    });
    expect(tagged.meta.successful).toBe(1);
    const bulkDestroy = await apiError(
      editor.uploads.bulkDestroy({ uploads: uploadRefs(['u00010']) }),
    );
    expect(bulkDestroy.response.status).toBe(403);
    expect(errorCode(bulkDestroy)).toBe('INSUFFICIENT_PERMISSIONS');
    expect(errorCode(await apiError(editor.uploads.destroy('u00010')))).toBe(
      'INSUFFICIENT_PERMISSIONS',
    );
    const reorder = await apiError(
      editor.uploadCollections.reorder([
        { id: 'col-press', type: 'upload_collection', position: 9, parent: null },
      ]),
    );
    expect(reorder.response.status).toBe(403);
    const snapshot = await state(running.url, 'uploads', 'upload_collections', 'tags');
    expect(snapshot.uploads.some((u) => u.id === 'u00010')).toBe(true);
    expect(snapshot.upload_collections.find((c) => c.id === 'col-press')?.position).toBe(3);
  });
});

describe('simulator uploads: collection reorder', () => {
  it('reorders and re-parents collections when the job completes', async () => {
    const payload = await client.uploadCollections.rawReorder({
      data: [
        {
          id: 'col-press',
          type: 'upload_collection',
          attributes: { position: 1 },
          relationships: { parent: { data: null } },
        },
        {
          id: 'col-marketing',
          type: 'upload_collection',
          attributes: { position: 3 },
          relationships: { parent: { data: null } },
        },
        {
          id: 'col-social',
          type: 'upload_collection',
          attributes: { position: 4 },
          relationships: { parent: { data: { type: 'upload_collection', id: 'col-products' } } },
        },
      ],
    });
    expect(payload.data).toHaveLength(12);
    const social = payload.data.find((collection) => collection.id === 'col-social');
    expect(social?.relationships.parent.data).toEqual({
      type: 'upload_collection',
      id: 'col-products',
    });
    const snapshot = await state(running.url, 'uploads', 'upload_collections', 'tags');
    const byId = new Map(snapshot.upload_collections.map((c) => [c.id, c]));
    expect(byId.get('col-press')?.position).toBe(1);
    expect(byId.get('col-marketing')?.position).toBe(3);
    expect(byId.get('col-social')?.parent).toBe('col-products');
    expect(byId.get('col-products')?.children).toContain('col-social');
    expect(byId.get('col-marketing')?.children).not.toContain('col-social');
  });

  it('rejects cycles, unknown ids and duplicate slots with 422', async () => {
    const cycle = await apiError(
      client.uploadCollections.reorder([
        {
          id: 'col-marketing',
          type: 'upload_collection',
          position: 1,
          parent: { type: 'upload_collection', id: 'col-campaigns-2026' },
        },
      ]),
    );
    expect(errorCode(cycle)).toBe('INVALID_PARENT');
    const unknown = await apiError(
      client.uploadCollections.reorder([
        { id: 'col-nope', type: 'upload_collection', position: 1, parent: null },
      ]),
    );
    expect(errorCode(unknown)).toBe('INVALID_FIELD');
    const duplicate = await apiError(
      client.uploadCollections.reorder([
        { id: 'col-press', type: 'upload_collection', position: 1, parent: null },
        { id: 'col-archive', type: 'upload_collection', position: 1, parent: null },
      ]),
    );
    expect(errorCode(duplicate)).toBe('DUPLICATE_POSITIONS_FOUND');
    const snapshot = await state(running.url, 'uploads', 'upload_collections', 'tags');
    expect(snapshot.upload_collections.find((c) => c.id === 'col-marketing')?.parent).toBeNull();
  });
});
