import type { Client } from '@datocms/cma-client-browser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../sandbox/sim/server';
import {
  admin,
  apiError,
  cma,
  EDITOR,
  errorCode,
  FAST_TIMING,
  fastClient,
  jsonApiError,
  startFastSimulator,
  state,
  type SimState,
  type StateItem,
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
beforeEach(async () => {
  // A reset keeps timing, so tests that slow jobs down cannot leak into the next one.
  await admin(running.url, 'POST', '/__sim/reset', { seed: 'demo' });
  await admin(running.url, 'PUT', '/__sim/timing', FAST_TIMING);
});

const itemRefs = (ids: string[]) => ids.map((id) => ({ type: 'item' as const, id }));
const find = (snapshot: Pick<SimState, 'items'>, id: string): StateItem | undefined =>
  snapshot.items.find((item) => item.id === id);

function pick(
  snapshot: Pick<SimState, 'items'>,
  predicate: (item: StateItem) => boolean,
  count = 1,
): string[] {
  const ids = snapshot.items
    .filter(predicate)
    .map((item) => item.id)
    .slice(0, count);
  if (ids.length < count) throw new Error('demo data lacks the records this test needs');
  return ids;
}

describe('simulator records: bulk jobs', () => {
  it('publishes valid drafts, counts invalid, locked and unknown records as failed', async () => {
    const snapshot = await state(running.url, 'items');
    const drafts = pick(
      snapshot,
      (i) => i.item_type === 'article' && i.status === 'draft' && i.is_valid && !i.locked,
      5,
    );
    const invalid = pick(snapshot, (i) => i.item_type === 'article' && !i.is_valid);
    const locked = pick(snapshot, (i) => i.locked);
    const result = await client.items.rawBulkPublish({
      data: {
        type: 'item_bulk_publish_operation',
        relationships: { items: { data: itemRefs([...drafts, ...invalid, ...locked, 'r99999']) } },
      },
    });
    expect(result).toEqual({ data: [], meta: { successful: 5, failed: 3 } });
    const after = await state(running.url, 'items');
    for (const id of drafts) expect(find(after, id)?.status).toBe('published');
    expect(find(after, invalid[0] ?? '')?.status).toBe(find(snapshot, invalid[0] ?? '')?.status);
  });

  it('unpublishes records, refusing tree parents with published children unless they go too', async () => {
    const snapshot = await state(running.url, 'items');
    const articles = pick(
      snapshot,
      (i) => i.item_type === 'article' && i.status === 'published' && !i.locked,
      3,
    );
    // Section 1 (published root) has published children; the simulator orders children first.
    const root =
      pick(
        snapshot,
        (i) => i.item_type === 'category' && i.parent_id === null && i.status === 'published',
      )[0] ?? '';
    const result = await client.items.rawBulkUnpublish({
      data: {
        type: 'item_bulk_unpublish_operation',
        relationships: { items: { data: itemRefs([...articles, root]) } },
      },
    });
    expect(result.meta).toEqual({ successful: 3, failed: 1 });
    const after = await state(running.url, 'items');
    for (const id of articles) expect(find(after, id)?.status).toBe('draft');
    expect(find(after, root)?.status).toBe('published');
  });

  it('destroys unreferenced records and counts referenced ones as failed', async () => {
    const snapshot = await state(running.url, 'items');
    const freeAuthors = pick(snapshot, (i) => i.item_type === 'author' && i.status === 'draft', 5);
    const linkedAuthor = 'r00001';
    const result = await client.items.rawBulkDestroy({
      data: {
        type: 'item_bulk_destroy_operation',
        relationships: { items: { data: itemRefs([...freeAuthors, linkedAuthor]) } },
      },
    });
    expect(result.meta).toEqual({ successful: 5, failed: 1 });
    const after = await state(running.url, 'items');
    expect(after.counts.items).toBe(snapshot.counts.items - 5);
    expect(find(after, linkedAuthor)).toBeDefined();
  });

  it('moves records between stages of their workflow only', async () => {
    const snapshot = await state(running.url, 'items');
    const press = pick(
      snapshot,
      (i) => i.item_type === 'press_release' && i.stage === 'drafting',
      3,
    );
    const article = pick(snapshot, (i) => i.item_type === 'article' && !i.locked);
    const result = await client.items.rawBulkMoveToStage({
      data: {
        type: 'item_bulk_move_to_stage_operation',
        attributes: { stage: 'approved' },
        relationships: { items: { data: itemRefs([...press, ...article]) } },
      },
    });
    expect(result.meta).toEqual({ successful: 3, failed: 1 });
    const unknownStage = await client.items.rawBulkMoveToStage({
      data: {
        type: 'item_bulk_move_to_stage_operation',
        attributes: { stage: 'nope' },
        relationships: { items: { data: itemRefs(press) } },
      },
    });
    expect(unknownStage.meta).toEqual({ successful: 0, failed: 3 });
    const after = await state(running.url, 'items');
    for (const id of press) expect(find(after, id)?.stage).toBe('approved');
    expect(find(after, article[0] ?? '')?.stage).toBeNull();
  });

  it('honours stage-bound move_to_stage rules (on_stage → to_stage)', async () => {
    const rule = (extra: object) => ({
      item_type: null,
      workflow: null,
      on_stage: null,
      to_stage: null,
      environment: 'main',
      action: 'move_to_stage',
      on_creator: 'anyone',
      localization_scope: 'all',
      ...extra,
    });
    await admin(running.url, 'POST', '/__sim/tokens', {
      token: 'reviewer-token',
      role: {
        id: 'role-reviewer',
        type: 'role',
        attributes: { name: 'Reviewer' },
        meta: {
          final_permissions: {
            positive_item_type_permissions: [
              rule({ action: 'read' }),
              rule({ on_stage: 'in_review', to_stage: 'approved' }),
            ],
            negative_item_type_permissions: [],
            positive_upload_permissions: [],
            negative_upload_permissions: [],
          },
        },
      },
    });
    const reviewer = fastClient(running.url, 'reviewer-token');
    const snapshot = await state(running.url, 'items');
    const inReview = pick(
      snapshot,
      (i) => i.item_type === 'press_release' && i.stage === 'in_review',
      2,
    );
    const drafting = pick(
      snapshot,
      (i) => i.item_type === 'press_release' && i.stage === 'drafting',
      1,
    );
    const approved = pick(
      snapshot,
      (i) => i.item_type === 'press_release' && i.stage === 'approved',
      1,
    );
    const result = await reviewer.items.rawBulkMoveToStage({
      data: {
        type: 'item_bulk_move_to_stage_operation',
        attributes: { stage: 'approved' },
        relationships: { items: { data: itemRefs([...inReview, ...drafting, ...approved]) } },
      },
    });
    // A record already in the stage is an idempotent success, whatever the rules.
    expect(result.meta).toEqual({ successful: 3, failed: 1 });
    const after = await state(running.url, 'items');
    for (const id of inReview) expect(find(after, id)?.stage).toBe('approved');
    expect(find(after, drafting[0] ?? '')?.stage).toBe('drafting');
  });

  it('refuses more than 200 records with 422 INVALID_FORMAT and starts no job', async () => {
    const ids = Array.from({ length: 201 }, (_, i) => `r${String(i + 1).padStart(5, '0')}`);
    const error = await apiError(client.items.bulkPublish({ items: itemRefs(ids) }));
    expect(error.response.status).toBe(422);
    expect(errorCode(error)).toBe('INVALID_FORMAT');
    expect(String(error.errors[0]?.attributes.details.messages)).toMatch(/200/);
    const exactly200 = await client.items.rawBulkPublish({
      data: {
        type: 'item_bulk_publish_operation',
        relationships: { items: { data: itemRefs(ids.slice(0, 200)) } },
      },
    });
    expect(exactly200.meta.successful + exactly200.meta.failed).toBe(200);
    const jobs = await admin<{ data: { itemCount: number }[] }>(running.url, 'GET', '/__sim/jobs');
    expect(jobs.data.map((job) => job.itemCount)).toEqual([200]);
  });

  it('applies side effects only when the job is done: 404 while running, then 200', async () => {
    // Long enough that the checks below surely run while the job is pending.
    await admin(running.url, 'PUT', '/__sim/timing', { jobOverheadMs: 1000 });
    const snapshot = await state(running.url, 'items');
    const drafts = pick(
      snapshot,
      (i) => i.item_type === 'product' && i.status === 'draft' && i.is_valid,
      3,
    );
    const submit = await cma(running.url, 'POST', '/items/bulk/publish', {
      body: JSON.stringify({
        data: {
          type: 'item_bulk_publish_operation',
          relationships: { items: { data: itemRefs(drafts) } },
        },
      }),
    });
    expect(submit.status).toBe(202);
    expect(submit.headers.get('content-type')).toMatch(/^application\/json/);
    const jobId = (submit.json as { data: { type: string; id: string } }).data.id;
    const pending = await cma(running.url, 'GET', `/job-results/${jobId}`);
    expect(pending.status).toBe(404);
    expect(pending.headers.get('content-type')).toMatch(/^application\/json/);
    expect(jsonApiError(pending.json).code).toBe('NOT_FOUND');
    const during = await state(running.url, 'items');
    expect(drafts.map((id) => find(during, id)?.status)).toEqual(['draft', 'draft', 'draft']);
    let done = pending;
    for (let i = 0; i < 100 && done.status === 404; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      done = await cma(running.url, 'GET', `/job-results/${jobId}`);
    }
    expect(done.status).toBe(200);
    expect(done.json).toEqual({
      data: {
        type: 'job_result',
        id: jobId,
        attributes: { status: 200, payload: { data: [], meta: { successful: 3, failed: 0 } } },
      },
    });
    const after = await state(running.url, 'items');
    expect(drafts.map((id) => find(after, id)?.status)).toEqual([
      'published',
      'published',
      'published',
    ]);
    const unknown = await cma(running.url, 'GET', '/job-results/999999');
    expect(unknown.status).toBe(404);
  });
});

describe('simulator records: per-record writes', () => {
  it('publishes and unpublishes one record synchronously', async () => {
    const snapshot = await state(running.url, 'items');
    const [draft] = pick(
      snapshot,
      (i) => i.item_type === 'product' && i.status === 'draft' && i.is_valid,
    );
    const published = await client.items.publish(draft ?? '');
    expect(published.meta.status).toBe('published');
    expect(published.meta.published_at).not.toBeNull();
    const unpublished = await client.items.unpublish(draft ?? '');
    expect(unpublished.meta.status).toBe('draft');
    expect(find(await state(running.url, 'items'), draft ?? '')?.status).toBe('draft');
  });

  it('names the failing fields of an invalid record (INVALID_DRAFT) until it is fixed', async () => {
    const snapshot = await state(running.url, 'items');
    const [invalid] = pick(snapshot, (i) => i.item_type === 'article' && !i.is_valid && !i.locked);
    const error = await apiError(client.items.publish(invalid ?? ''));
    expect(error.response.status).toBe(422);
    expect(errorCode(error)).toBe('INVALID_DRAFT');
    expect(error.errors[0]?.attributes.details.fields).toEqual(['title']);
    await admin(running.url, 'PATCH', `/__sim/items/${invalid}`, {
      attributes: { title: 'Fixed' },
    });
    const published = await client.items.publish(invalid ?? '');
    expect(published.meta.is_valid).toBe(true);
    expect(published.meta.status).toBe('published');
  });

  it('enforces the tree: UNPUBLISHED_PARENT / PUBLISHED_CHILDREN unless recursive', async () => {
    const snapshot = await state(running.url, 'items');
    const draftRoot = snapshot.items.find(
      (i) => i.item_type === 'category' && i.parent_id === null && i.status === 'draft',
    );
    const child = snapshot.items.find((i) => i.parent_id === draftRoot?.id);
    const grandchild = snapshot.items.find((i) => i.parent_id === child?.id);
    expect(grandchild).toBeDefined();
    const refused = await apiError(client.items.publish(grandchild?.id ?? ''));
    expect(errorCode(refused)).toBe('UNPUBLISHED_PARENT');
    await client.items.publish(grandchild?.id ?? '', null, { recursive: true });
    let after = await state(running.url, 'items');
    for (const id of [draftRoot?.id, child?.id, grandchild?.id])
      expect(find(after, id ?? '')?.status).toBe('published');

    const parentRefused = await apiError(client.items.unpublish(draftRoot?.id ?? ''));
    expect(errorCode(parentRefused)).toBe('PUBLISHED_CHILDREN');
    await client.items.unpublish(draftRoot?.id ?? '', null, { recursive: true });
    after = await state(running.url, 'items');
    for (const id of [draftRoot?.id, child?.id, grandchild?.id])
      expect(find(after, id ?? '')?.status).toBe('draft');
  });

  it('refuses locked records, linked records and draft-less models with their codes', async () => {
    const snapshot = await state(running.url, 'items');
    const [locked] = pick(snapshot, (i) => i.locked);
    expect(errorCode(await apiError(client.items.publish(locked ?? '')))).toBe('ITEM_LOCKED');
    const deleteLinked = await apiError(client.items.destroy('r00001'));
    expect(deleteLinked.response.status).toBe(422);
    expect(errorCode(deleteLinked)).toBe('DELETE_RESTRICTION');
    const unpublishLinked = await apiError(client.items.unpublish('r00001'));
    expect(errorCode(unpublishLinked)).toBe('PUBLISHED_REFERENCES');
    const [page] = pick(snapshot, (i) => i.item_type === 'page');
    const draftless = await apiError(client.items.publish(page ?? ''));
    expect(errorCode(draftless)).toBe('INVALID_REQUEST');
    expect(errorCode(await apiError(client.items.publish('r99999')))).toBe('NOT_FOUND');
    expect(errorCode(await apiError(client.items.destroy('r99999')))).toBe('NOT_FOUND');
    const after = await state(running.url, 'items');
    expect(find(after, 'r00001')?.status).toBe('published');
  });

  it('deletes one record through a job and returns it', async () => {
    const snapshot = await state(running.url, 'items');
    const [free] = pick(snapshot, (i) => i.item_type === 'author' && i.status === 'draft');
    const deleted = await client.items.destroy(free ?? '');
    expect(deleted.id).toBe(free);
    expect(find(await state(running.url, 'items'), free ?? '')).toBeUndefined();
    const raw = await cma(running.url, 'DELETE', '/items/r00002');
    expect(raw.status).toBe(202);
  });

  it('fails records listed in failingItemIds, per record and in bulk', async () => {
    const snapshot = await state(running.url, 'items');
    const drafts = pick(
      snapshot,
      (i) => i.item_type === 'product' && i.status === 'draft' && i.is_valid,
      3,
    );
    await admin(running.url, 'PUT', '/__sim/faults', {
      failingItemIds: { [drafts[0] ?? '']: 'ITEM_LOCKED' },
    });
    expect(errorCode(await apiError(client.items.publish(drafts[0] ?? '')))).toBe('ITEM_LOCKED');
    const result = await client.items.rawBulkPublish({
      data: {
        type: 'item_bulk_publish_operation',
        relationships: { items: { data: itemRefs(drafts) } },
      },
    });
    expect(result.meta).toEqual({ successful: 2, failed: 1 });
    expect(find(await state(running.url, 'items'), drafts[0] ?? '')?.status).toBe('draft');
  });
});

describe('simulator records: editor role', () => {
  it('answers 403 INSUFFICIENT_PERMISSIONS to publish and delete, allows moving stages', async () => {
    const snapshot = await state(running.url, 'items');
    const [draft] = pick(
      snapshot,
      (i) => i.item_type === 'product' && i.status === 'draft' && i.is_valid,
    );
    const publish = await apiError(editor.items.publish(draft ?? ''));
    expect(publish.response.status).toBe(403);
    expect(errorCode(publish)).toBe('INSUFFICIENT_PERMISSIONS');
    const bulk = await apiError(editor.items.bulkPublish({ items: itemRefs([draft ?? '']) }));
    expect(bulk.response.status).toBe(403);
    expect(
      errorCode(await apiError(editor.items.bulkDestroy({ items: itemRefs([draft ?? '']) }))),
    ).toBe('INSUFFICIENT_PERMISSIONS');
    expect(errorCode(await apiError(editor.items.destroy(draft ?? '')))).toBe(
      'INSUFFICIENT_PERMISSIONS',
    );
    const [press] = pick(
      snapshot,
      (i) => i.item_type === 'press_release' && i.stage !== 'archived',
    );
    const moved = await editor.items.rawBulkMoveToStage({
      data: {
        type: 'item_bulk_move_to_stage_operation',
        attributes: { stage: 'archived' },
        relationships: { items: { data: itemRefs([press ?? '']) } },
      },
    });
    expect(moved.meta.successful).toBe(1);
    const after = await state(running.url, 'items');
    expect(find(after, draft ?? '')?.status).toBe('draft');
    expect(find(after, press ?? '')?.stage).toBe('archived');
  });

  it('exposes roles whose permissions match what is enforced', async () => {
    const tokens = await admin<{
      data: {
        token: string;
        role: {
          attributes: { name: string };
          meta: { final_permissions: Record<string, unknown> };
        };
      }[];
    }>(running.url, 'GET', '/__sim/tokens');
    const editorRole = tokens.data.find((entry) => entry.token === EDITOR)?.role;
    expect(editorRole?.attributes.name).toBe('Editor');
    const perms = editorRole?.meta.final_permissions ?? {};
    expect(perms.can_manage_upload_collections).toBe(false);
    expect(perms.can_edit_schema).toBe(false);
    // Rule entries are scoped to one environment each, so the demo roles repeat them per environment.
    expect(perms.negative_item_type_permissions).toEqual([
      expect.objectContaining({ action: 'publish', item_type: null, environment: 'main' }),
      expect.objectContaining({ action: 'delete', item_type: null, environment: 'main' }),
      expect.objectContaining({ action: 'publish', item_type: null, environment: 'staging' }),
      expect.objectContaining({ action: 'delete', item_type: null, environment: 'staging' }),
    ]);
    expect(perms.negative_upload_permissions).toEqual([
      expect.objectContaining({ action: 'delete', environment: 'main' }),
      expect.objectContaining({ action: 'delete', environment: 'staging' }),
    ]);
    const roles = await client.roles.list();
    expect(roles.map((role) => role.name).sort()).toEqual([
      'Admin',
      'Contributor',
      'Editor',
      'Media librarian',
      'Reviewer',
      'Translator (French)',
    ]);
  });
});
