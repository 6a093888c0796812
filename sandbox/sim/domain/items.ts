/**
 * Record operations shared by the per-record endpoints and the bulk jobs, with DatoCMS's failure
 * rules: INVALID_DRAFT, UNPUBLISHED_PARENT / PUBLISHED_CHILDREN (tree models), PUBLISHED_REFERENCES,
 * DELETE_RESTRICTION, ITEM_LOCKED, INSUFFICIENT_PERMISSIONS and draft-less models.
 */
import { insufficientPermissions, invalidField, notFound, SimError } from '../errors';
import { canOnItems, type ItemAction, type StageMove } from '../roles';
import type { ItemRec } from '../types';
import { failIfInjected, nowIso, type OpContext } from './context';

export function requireItem(ctx: OpContext, id: string): ItemRec {
  const item = ctx.store.items.get(id);
  if (!item) throw notFound({ type: 'item', id });
  return item;
}

export function assertItemPermission(
  ctx: OpContext,
  item: ItemRec,
  action: ItemAction,
  move?: StageMove,
): void {
  if (!canOnItems(ctx.role, action, ctx.environment, item.itemTypeId, move)) {
    throw insufficientPermissions(action, `item_type:${item.itemTypeId}`);
  }
}

/** True when the role may do `action` on at least one model (else the whole request is 403). */
export function roleCanOnAnyModel(ctx: OpContext, action: ItemAction): boolean {
  return [...ctx.store.itemTypes.keys()].some((id) =>
    canOnItems(ctx.role, action, ctx.environment, id),
  );
}

function assertUnlocked(item: ItemRec): void {
  if (item.locked) {
    throw new SimError(422, 'ITEM_LOCKED', {
      id: item.id,
      message: 'The record is being edited by another user',
    });
  }
}

function assertDraftMode(ctx: OpContext, item: ItemRec): void {
  const itemType = ctx.store.itemTypes.get(item.itemTypeId);
  if (itemType && !itemType.draftModeActive) {
    throw new SimError(422, 'INVALID_REQUEST', {
      id: item.id,
      item_type: itemType.id,
      message: `Model "${itemType.apiKey}" has no draft/published system`,
    });
  }
}

function assertValid(ctx: OpContext, item: ItemRec): void {
  const errors = ctx.store.validationErrors(item);
  if (errors.length > 0) {
    throw new SimError(422, 'INVALID_DRAFT', {
      id: item.id,
      fields: errors.map((error) => error.field),
      errors,
    });
  }
}

/** A record has a live version: published, updated, or any record of a draft-less model. */
export function isLive(item: ItemRec): boolean {
  return item.status !== 'draft';
}

function ancestors(ctx: OpContext, item: ItemRec): ItemRec[] {
  const out: ItemRec[] = [];
  let current = ctx.store.parentOf(item);
  while (current && !out.includes(current)) {
    out.push(current);
    current = ctx.store.parentOf(current);
  }
  return out;
}

function descendants(ctx: OpContext, item: ItemRec): ItemRec[] {
  const out: ItemRec[] = [];
  const queue = ctx.store.childrenOf(item.id);
  while (queue.length > 0) {
    const child = ctx.store.items.get(queue.shift() as string);
    if (!child || out.includes(child)) continue;
    out.push(child);
    queue.push(...ctx.store.childrenOf(child.id));
  }
  return out;
}

export function treeDepth(ctx: OpContext, id: string): number {
  const item = ctx.store.items.get(id);
  return item ? ancestors(ctx, item).length : 0;
}

function markPublished(item: ItemRec, now: string): void {
  if (item.status === 'published') return;
  // Field values are replaced, never mutated in place, so a shallow copy is a snapshot.
  item.publishedAttributes = { ...item.attributes };
  item.status = 'published';
  item.publishedAt = now;
  item.firstPublishedAt ??= now;
  item.updatedAt = now;
}

function markUnpublished(item: ItemRec, now: string): void {
  if (item.status === 'draft') return;
  item.publishedAttributes = null;
  item.status = 'draft';
  item.publishedAt = null;
  item.updatedAt = now;
}

export function publishItem(ctx: OpContext, id: string, recursive: boolean): ItemRec {
  const item = requireItem(ctx, id);
  failIfInjected(ctx, id);
  assertItemPermission(ctx, item, 'publish');
  assertDraftMode(ctx, item);
  assertUnlocked(item);
  assertValid(ctx, item);
  const unpublishedAncestors = ancestors(ctx, item).filter((ancestor) => !isLive(ancestor));
  if (unpublishedAncestors.length > 0) {
    if (!recursive) {
      throw new SimError(422, 'UNPUBLISHED_PARENT', {
        id,
        parent_id: item.attributes.parent_id,
        unpublished_ancestors: unpublishedAncestors.map((ancestor) => ancestor.id),
      });
    }
    // Recursive publishing is all or nothing: every ancestor must be publishable too.
    for (const ancestor of unpublishedAncestors) {
      failIfInjected(ctx, ancestor.id);
      assertItemPermission(ctx, ancestor, 'publish');
      assertUnlocked(ancestor);
      assertValid(ctx, ancestor);
    }
  }
  const now = nowIso();
  for (const ancestor of unpublishedAncestors) markPublished(ancestor, now);
  markPublished(item, now);
  ctx.store.itemsChanged([item.id, ...unpublishedAncestors.map((ancestor) => ancestor.id)]);
  return item;
}

export function unpublishItem(ctx: OpContext, id: string, recursive: boolean): ItemRec {
  const item = requireItem(ctx, id);
  failIfInjected(ctx, id);
  assertItemPermission(ctx, item, 'publish');
  assertDraftMode(ctx, item);
  assertUnlocked(item);
  const liveDescendants = descendants(ctx, item).filter(isLive);
  if (liveDescendants.length > 0 && !recursive) {
    throw new SimError(422, 'PUBLISHED_CHILDREN', {
      id,
      published_children: liveDescendants.map((child) => child.id),
    });
  }
  const leaving = [item, ...(recursive ? liveDescendants : [])];
  for (const descendant of leaving.slice(1)) {
    failIfInjected(ctx, descendant.id);
    assertItemPermission(ctx, descendant, 'publish');
    assertUnlocked(descendant);
  }
  // Records still live elsewhere must not point at a record that goes offline.
  const leavingIds = new Set(leaving.map((entry) => entry.id));
  for (const entry of leaving) {
    const liveReferrers = ctx.store.referrersOf(entry.id).filter((referrerId) => {
      const referrer = ctx.store.items.get(referrerId);
      return referrer && isLive(referrer) && !leavingIds.has(referrerId);
    });
    if (liveReferrers.length > 0 && isLive(entry)) {
      throw new SimError(422, 'PUBLISHED_REFERENCES', {
        id: entry.id,
        references: liveReferrers.slice(0, 50),
        references_count: liveReferrers.length,
      });
    }
  }
  const now = nowIso();
  for (const entry of leaving) markUnpublished(entry, now);
  ctx.store.itemsChanged(leaving.map((entry) => entry.id));
  return item;
}

export function destroyItem(ctx: OpContext, id: string): ItemRec {
  const item = requireItem(ctx, id);
  failIfInjected(ctx, id);
  assertItemPermission(ctx, item, 'delete');
  assertUnlocked(item);
  const referrers = ctx.store.referrersOf(id);
  if (referrers.length > 0) {
    throw new SimError(422, 'DELETE_RESTRICTION', {
      id,
      message: 'The record is linked from other records',
      references: referrers.slice(0, 50),
      references_count: referrers.length,
    });
  }
  const children = ctx.store.childrenOf(id);
  if (children.length > 0) {
    throw new SimError(422, 'DELETE_RESTRICTION', {
      id,
      message: 'The record has children in the tree',
      children,
    });
  }
  ctx.store.items.delete(id);
  ctx.store.itemsChanged([id]);
  return item;
}

export function moveToStage(ctx: OpContext, id: string, stage: string): ItemRec {
  const item = requireItem(ctx, id);
  failIfInjected(ctx, id);
  // Already there: nothing to move, so no stage rule applies (an idempotent success).
  if (item.stage === stage) return item;
  assertItemPermission(ctx, item, 'move_to_stage', { from: item.stage, to: stage });
  assertUnlocked(item);
  const itemType = ctx.store.itemTypes.get(item.itemTypeId);
  const workflow = itemType?.workflowId ? ctx.store.workflows.get(itemType.workflowId) : undefined;
  if (!workflow) {
    throw invalidField('stage', 'VALIDATION_INVALID', {
      id,
      message: 'The record’s model has no workflow',
    });
  }
  if (!workflow.stages.some((entry) => entry.id === stage)) {
    throw invalidField('stage', 'VALIDATION_INCLUSION', {
      id,
      stage,
      allowed: workflow.stages.map((entry) => entry.id),
    });
  }
  if (item.stage !== stage) {
    item.stage = stage;
    item.updatedAt = nowIso();
  }
  return item;
}
