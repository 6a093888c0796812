/**
 * Role rules read from the role schema: creator-, collection-, locale-, workflow- and
 * stage-scoped rules, the upload `move` action and `move_to_upload_collection`, with the real
 * client and the demo tokens.
 */
import type { Client } from '@datocms/cma-client-browser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../sandbox/sim/server';
import {
  ADMIN,
  admin,
  apiError,
  errorCode,
  fastClient,
  startFastSimulator,
  state,
} from './sim-helpers';

let running: RunningSimulator;
let client: Client;
const as = (token: string) => fastClient(running.url, token);

beforeAll(async () => {
  running = await startFastSimulator();
  client = fastClient(running.url, ADMIN);
});
afterAll(() => running.close());
beforeEach(() => admin(running.url, 'POST', '/__sim/reset', { seed: 'demo' }));

const items = (ids: string[]) => ids.map((id) => ({ type: 'item' as const, id }));
const uploads = (ids: string[]) => ids.map((id) => ({ type: 'upload' as const, id }));
const CONTRIBUTOR = 'sim-contributor-token';
const LIBRARIAN = 'sim-librarian-token';
const TRANSLATOR = 'sim-translator-token';

async function uploadsById() {
  return new Map((await state(running.url, 'uploads')).uploads.map((u) => [u.id, u]));
}

describe('simulator permissions: tokens', () => {
  it('lists every demo token with its role, user and a label for a role switch', async () => {
    const tokens = await admin<{
      data: { token: string; label: string; user: { type: string; id: string; name: string } }[];
    }>(running.url, 'GET', '/__sim/tokens');
    const contributor = tokens.data.find((entry) => entry.token === CONTRIBUTOR);
    expect(contributor).toMatchObject({
      label: expect.stringContaining('Contributor'),
      user: { type: 'user', id: 'user-contributor', name: 'Casey Contributor' },
    });
    expect(tokens.data.map((entry) => entry.label)).toHaveLength(6);
  });
});

describe('simulator permissions: on_creator', () => {
  it('lets the contributor act only on the records and assets they created', async () => {
    // Landing pages 1–6 (r01624–r01629) were created by the contributor, 7–12 were not.
    const result = await as(CONTRIBUTOR).items.rawBulkUnpublish({
      data: {
        type: 'item_bulk_unpublish_operation',
        relationships: { items: { data: items(['r01624', 'r01630']) } },
      },
    });
    expect(result.meta).toEqual({ successful: 1, failed: 1 });
    const denied = await apiError(as(CONTRIBUTOR).items.unpublish('r01631'));
    expect(denied.response.status).toBe(403);
    expect(errorCode(denied)).toBe('INSUFFICIENT_PERMISSIONS');
    const statuses = new Map(
      (await state(running.url, 'items')).items.map((i) => [i.id, i.status]),
    );
    expect(statuses.get('r01624')).toBe('draft');
    expect(statuses.get('r01630')).toBe('published');

    // Assets u02391–u02400 were uploaded by the contributor.
    const destroy = await as(CONTRIBUTOR).uploads.rawBulkDestroy({
      data: {
        type: 'upload_bulk_destroy_operation',
        relationships: { uploads: { data: uploads(['u02400', 'u00001']) } },
      },
    });
    expect(destroy.meta).toEqual({ successful: 1, failed: 1 });
    const left = await uploadsById();
    expect(left.has('u02400')).toBe(false);
    expect(left.has('u00001')).toBe(true);
  });

  it("matches on_creator 'role': records created by anyone holding the same role", async () => {
    const role = {
      id: 'role-peers',
      type: 'role',
      attributes: { name: 'Peers' },
      meta: {
        final_permissions: {
          environments_access: 'all',
          positive_item_type_permissions: [
            { action: 'all', environment: 'main', on_creator: 'role', localization_scope: 'all' },
          ],
          negative_item_type_permissions: [],
          positive_upload_permissions: [],
          negative_upload_permissions: [],
        },
      },
    };
    for (const name of ['peer-a', 'peer-b']) {
      await admin(running.url, 'POST', '/__sim/tokens', {
        token: name,
        role,
        user: { type: 'user', id: `user-${name}` },
      });
    }
    const { ids } = await admin<{ ids: string[] }>(running.url, 'POST', '/__sim/items', {
      item_type: 'author',
      count: 2,
      status: 'published',
      creator: { type: 'user', id: 'user-peer-b' },
    });
    const result = await as('peer-a').items.rawBulkUnpublish({
      data: {
        type: 'item_bulk_unpublish_operation',
        relationships: { items: { data: items([...ids, 'r01613']) } },
      },
    });
    // The owner's record (r01613) is not created by a Peer.
    expect(result.meta).toEqual({ successful: 2, failed: 1 });
  });
});

describe('simulator permissions: upload collections and move', () => {
  it('a negative delete rule on Archive blocks only the assets in Archive', async () => {
    const before = await uploadsById();
    const inArchive = [...before.values()]
      .filter((u) => u.upload_collection === 'col-archive')
      .slice(0, 2)
      .map((u) => u.id);
    const elsewhere = [...before.values()]
      .filter((u) => u.upload_collection === 'col-press')
      .slice(0, 3)
      .map((u) => u.id);
    const result = await as(LIBRARIAN).uploads.rawBulkDestroy({
      data: {
        type: 'upload_bulk_destroy_operation',
        relationships: { uploads: { data: uploads([...inArchive, ...elsewhere]) } },
      },
    });
    expect(result.meta).toEqual({ successful: 3, failed: 2 });
    const after = await uploadsById();
    for (const id of inArchive) expect(after.has(id)).toBe(true);
    for (const id of elsewhere) expect(after.has(id)).toBe(false);
    const single = await apiError(as(LIBRARIAN).uploads.destroy(inArchive[0] ?? ''));
    expect(errorCode(single)).toBe('INSUFFICIENT_PERMISSIONS');
  });

  it('moves need the move action, limited by move_to_upload_collection', async () => {
    const ids = [...(await uploadsById()).values()]
      .filter((u) => u.upload_collection === 'col-press')
      .slice(0, 2)
      .map((u) => u.id);
    const toArchive = await as(LIBRARIAN).uploads.rawBulkSetUploadCollection({
      data: {
        type: 'upload_bulk_set_upload_collection_operation',
        relationships: {
          upload_collection: { data: { type: 'upload_collection', id: 'col-archive' } },
          uploads: { data: uploads(ids.slice(0, 1)) },
        },
      },
    });
    expect(toArchive.meta).toEqual({ successful: 1, failed: 0 });
    const toShoes = await as(LIBRARIAN).uploads.rawBulkSetUploadCollection({
      data: {
        type: 'upload_bulk_set_upload_collection_operation',
        relationships: {
          upload_collection: { data: { type: 'upload_collection', id: 'col-shoes' } },
          uploads: { data: uploads(ids.slice(1)) },
        },
      },
    });
    expect(toShoes.meta).toEqual({ successful: 0, failed: 1 });
    const update = await apiError(
      as(LIBRARIAN).uploads.update(ids[1] ?? '', {
        upload_collection: { type: 'upload_collection', id: 'col-shoes' },
      }),
    );
    expect(errorCode(update)).toBe('INSUFFICIENT_PERMISSIONS');
    // Tags are an update, which the librarian may do anywhere.
    await as(LIBRARIAN).uploads.update(ids[1] ?? '', { tags: ['sorted'] });
    const after = await uploadsById();
    expect(after.get(ids[0] ?? '')?.upload_collection).toBe('col-archive');
    expect(after.get(ids[1] ?? '')).toMatchObject({
      upload_collection: 'col-press',
      tags: ['sorted'],
    });
  });
});

describe('simulator permissions: localization_scope', () => {
  it('lets a French-only role publish French content, never a whole record', async () => {
    const page = 'r01633'; // landing page 10: updated (live with a newer draft)
    const whole = await apiError(as(TRANSLATOR).items.publish(page));
    expect(errorCode(whole)).toBe('INSUFFICIENT_PERMISSIONS');
    const bulk = await as(TRANSLATOR).items.rawBulkPublish({
      data: {
        type: 'item_bulk_publish_operation',
        relationships: { items: { data: items([page]) } },
      },
    });
    expect(bulk.meta).toEqual({ successful: 0, failed: 1 });
    const english = await apiError(
      as(TRANSLATOR).items.publish(page, {
        content_in_locales: ['en'],
        non_localized_content: false,
      }),
    );
    expect(errorCode(english)).toBe('INSUFFICIENT_PERMISSIONS');
    const french = await as(TRANSLATOR).items.publish(page, {
      content_in_locales: ['fr'],
      non_localized_content: false,
    });
    expect(french.id).toBe(page);
    const unknown = await apiError(
      client.items.publish(page, { content_in_locales: ['de'], non_localized_content: true }),
    );
    expect(errorCode(unknown)).toBe('INVALID_FIELD');
  });

  it('lets a French-only role edit French asset metadata, not tags', async () => {
    const updated = await as(TRANSLATOR).uploads.update('u00001', {
      default_field_metadata: { alt: { fr: 'Photo' } },
    } as never);
    expect(updated.default_field_metadata).toMatchObject({ alt: { fr: 'Photo' } });
    const tags = await apiError(as(TRANSLATOR).uploads.update('u00001', { tags: ['x'] }));
    expect(errorCode(tags)).toBe('INSUFFICIENT_PERMISSIONS');
    const english = await apiError(
      as(TRANSLATOR).uploads.update('u00001', {
        default_field_metadata: { alt: { en: 'Photo' } },
      } as never),
    );
    expect(errorCode(english)).toBe('INSUFFICIENT_PERMISSIONS');
  });
});

describe('simulator permissions: workflow and stages', () => {
  it('scopes rules by workflow and on_stage', async () => {
    const role = {
      id: 'role-approver',
      type: 'role',
      attributes: { name: 'Approver' },
      meta: {
        final_permissions: {
          environments_access: 'all',
          positive_item_type_permissions: [
            { action: 'read', environment: 'main', on_creator: 'anyone' },
            {
              action: 'publish',
              environment: 'main',
              workflow: 'wf-editorial',
              on_stage: 'approved',
              on_creator: 'anyone',
              localization_scope: 'all',
            },
          ],
          negative_item_type_permissions: [],
          positive_upload_permissions: [],
          negative_upload_permissions: [],
        },
      },
    };
    await admin(running.url, 'POST', '/__sim/tokens', { token: 'approver', role });
    const press = (await state(running.url, 'items')).items.filter(
      (item) => item.item_type === 'press_release' && item.status === 'draft' && item.is_valid,
    );
    const approved = press.find((item) => item.stage === 'approved');
    const drafting = press.find((item) => item.stage === 'drafting');
    await as('approver').items.publish(approved?.id ?? '');
    expect(errorCode(await apiError(as('approver').items.publish(drafting?.id ?? '')))).toBe(
      'INSUFFICIENT_PERMISSIONS',
    );
    // Another model has no workflow: the rule does not cover it.
    expect(errorCode(await apiError(as('approver').items.publish('r00036')))).toBe(
      'INSUFFICIENT_PERMISSIONS',
    );
    // A role with no publish rule at all is refused the whole bulk request.
    const none = await apiError(
      as('sim-reviewer-token').items.bulkPublish({ items: items(['r00036']) }),
    );
    expect(none.response.status).toBe(403);
  });
});
