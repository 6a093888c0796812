/**
 * Record operations shared by the per-record endpoints and the bulk jobs, with DatoCMS's failure
 * rules: INVALID_DRAFT, UNPUBLISHED_PARENT / PUBLISHED_CHILDREN (tree models), PUBLISHED_REFERENCES,
 * DELETE_RESTRICTION, ITEM_LOCKED, INSUFFICIENT_PERMISSIONS and draft-less models; and what each
 * linking field's `on_reference_delete_strategy` / `on_reference_unpublish_strategy` says when a
 * linked record is deleted or unpublished (RawApiTypes, `item_item_type` / `items_item_type` /
 * `structured_text_links` validators).
 */
import { removeLinks } from '../content';
import { insufficientPermissions, invalidField, notFound, SimError } from '../errors';
import { canOnRecord, mayEverOnRecords, type ContentScope, type ItemAction } from '../permissions';
import { OWNER } from '../roles';
import type { DeleteStrategy, FieldRec, ItemRec, UnpublishStrategy } from '../types';
import { failIfInjected, nowIso, type OpContext } from './context';

export function requireItem(ctx: OpContext, id: string): ItemRec {
  const item = ctx.store.items.get(id);
  if (!item) throw notFound({ type: 'item', id });
  return item;
}

/**
 * The strategies a field applies, defaults filled in. RawApiTypes: delete defaults to
 * `delete_references` everywhere; unpublish to `fail` on link/links and to `delete_references`
 * on structured-text links.
 */
export function effectiveStrategies(field: FieldRec): {
  onDelete: DeleteStrategy;
  onUnpublish: UnpublishStrategy;
} {
  return {
    onDelete: field.linkStrategies.onDelete ?? 'delete_references',
    onUnpublish:
      field.linkStrategies.onUnpublish ??
      (field.fieldType === 'structured_text' ? 'delete_references' : 'fail'),
  };
}

/** The version other records see live: published values, or the only ones of draft-less models. */
function liveAttributes(item: ItemRec): Record<string, unknown> | null {
  if (item.status === null) return item.attributes;
  return item.status === 'draft' ? null : item.publishedAttributes;
}

type Strip = { referrer: ItemRec; targetId: string; fields: FieldRec[] };

function fieldRefs(referrer: ItemRec, fields: readonly FieldRec[]) {
  return fields.map((field) => ({ item: referrer.id, field: field.apiKey, field_id: field.id }));
}

/**
 * Removes the links to `targetId` from the referrer's versions. A field that is required and
 * would end up empty makes it fail ("if the field has a required validation it will fail").
 */
function checkStrip(ctx: OpContext, strip: Strip, code: string): void {
  const ids = new Set(strip.fields.map((field) => field.id));
  const { referrer, targetId } = strip;
  for (const attributes of [referrer.attributes, referrer.publishedAttributes]) {
    if (!attributes) continue;
    const before = new Set(
      ctx.store.requiredErrors(referrer.itemTypeId, attributes).map((e) => e.field_id),
    );
    const after = removeLinks(ctx.store, referrer.itemTypeId, attributes, targetId, ids);
    const emptied = ctx.store
      .requiredErrors(referrer.itemTypeId, after)
      .filter((error) => ids.has(error.field_id) && !before.has(error.field_id));
    if (emptied.length > 0) {
      throw new SimError(422, code, {
        id: targetId,
        message: 'A required field linking to the record cannot be emptied',
        references: [referrer.id],
        fields: emptied.map((error) => ({ item: referrer.id, field_id: error.field_id })),
      });
    }
  }
}

function applyStrip(ctx: OpContext, strip: Strip): void {
  const ids = new Set(strip.fields.map((field) => field.id));
  const { referrer, targetId } = strip;
  referrer.attributes = removeLinks(
    ctx.store,
    referrer.itemTypeId,
    referrer.attributes,
    targetId,
    ids,
  );
  if (referrer.publishedAttributes) {
    referrer.publishedAttributes = removeLinks(
      ctx.store,
      referrer.itemTypeId,
      referrer.publishedAttributes,
      targetId,
      ids,
    );
  }
  referrer.updatedAt = nowIso();
}

export type StageMove = { readonly from: string | null; readonly to: string };

/**
 * The content a whole-record publish or unpublish touches: the non-localized fields and every
 * site locale of the localized ones (what a `localization_scope` rule must cover). A selective
 * publish names its own (`content_in_locales`, `non_localized_content`).
 */
export function recordScopes(ctx: OpContext, item: ItemRec): ContentScope[] {
  const fields = ctx.store.fieldsOf(item.itemTypeId);
  return [
    ...(fields.some((field) => !field.localized) ? [{ kind: 'not_localized' as const }] : []),
    ...(fields.some((field) => field.localized)
      ? ctx.store.locales.map((locale) => ({ kind: 'localized' as const, locale }))
      : []),
  ];
}

export function assertItemPermission(
  ctx: OpContext,
  item: ItemRec,
  action: ItemAction,
  options: { move?: StageMove; scopes?: ContentScope[] } = {},
): void {
  const itemType = ctx.store.itemTypes.get(item.itemTypeId);
  const scopes = options.scopes ?? (action === 'publish' ? recordScopes(ctx, item) : undefined);
  const allowed = canOnRecord(ctx.credential, {
    action,
    environment: ctx.environment,
    subject: {
      itemTypeId: item.itemTypeId,
      // Without workflows on the plan, no record has a workflow or a stage.
      workflowId: ctx.store.workflowsEnabled ? (itemType?.workflowId ?? null) : null,
      stage: ctx.store.workflowsEnabled ? item.stage : null,
      creator: item.creator ?? OWNER,
    },
    ...(options.move ? { move: options.move } : {}),
    ...(scopes ? { scopes } : {}),
  });
  if (!allowed) throw insufficientPermissions(action, `item_type:${item.itemTypeId}`);
}

/** True when the role may do `action` on some record here (else the whole request is 403). */
export function roleCanOnAnyModel(ctx: OpContext, action: ItemAction): boolean {
  return mayEverOnRecords(ctx.credential, action, ctx.environment);
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

export function publishItem(
  ctx: OpContext,
  id: string,
  recursive: boolean,
  scopes?: ContentScope[],
): ItemRec {
  const item = requireItem(ctx, id);
  failIfInjected(ctx, id);
  assertItemPermission(ctx, item, 'publish', scopes ? { scopes } : {});
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

export function unpublishItem(
  ctx: OpContext,
  id: string,
  recursive: boolean,
  scopes?: ContentScope[],
): ItemRec {
  const item = requireItem(ctx, id);
  failIfInjected(ctx, id);
  assertItemPermission(ctx, item, 'publish', scopes ? { scopes } : {});
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
  // Live records linking to a record that goes offline: each linking field's strategy decides
  // (fail → PUBLISHED_REFERENCES, unpublish → the linking record goes offline too, cascading,
  // delete_references → the link is removed). Planned in full first: all or nothing.
  const offline = new Map(leaving.map((entry) => [entry.id, entry]));
  const strips: Strip[] = [];
  const queue = [...leaving];
  while (queue.length > 0) {
    const entry = queue.shift() as ItemRec;
    if (!isLive(entry)) continue;
    for (const referrerId of ctx.store.referrersOf(entry.id)) {
      const referrer = ctx.store.items.get(referrerId);
      if (!referrer || offline.has(referrerId)) continue;
      const live = liveAttributes(referrer);
      if (!live) continue;
      const fields = ctx.store.linkingFields(
        referrer,
        entry.id,
        referrer.status === null ? 'current' : 'published',
      );
      if (fields.length === 0) continue;
      const byStrategy = (strategy: UnpublishStrategy) =>
        fields.filter((field) => effectiveStrategies(field).onUnpublish === strategy);
      const failing = byStrategy('fail');
      if (failing.length > 0) {
        throw new SimError(422, 'PUBLISHED_REFERENCES', {
          id: entry.id,
          references: [referrerId],
          fields: fieldRefs(referrer, failing),
        });
      }
      if (byStrategy('unpublish').length > 0) {
        // The linking record is unpublished too: it must be unpublishable itself.
        const cascade = {
          id: entry.id,
          references: [referrerId],
          fields: fieldRefs(referrer, byStrategy('unpublish')),
        };
        if (referrer.status === null) throw new SimError(422, 'PUBLISHED_REFERENCES', cascade);
        failIfInjected(ctx, referrer.id);
        assertItemPermission(ctx, referrer, 'publish');
        assertUnlocked(referrer);
        offline.set(referrerId, referrer);
        queue.push(referrer);
        continue;
      }
      strips.push({ referrer, targetId: entry.id, fields: byStrategy('delete_references') });
    }
  }
  const kept = strips.filter((strip) => !offline.has(strip.referrer.id));
  for (const strip of kept) checkStrip(ctx, strip, 'PUBLISHED_REFERENCES');
  const now = nowIso();
  for (const strip of kept) applyStrip(ctx, strip);
  for (const entry of offline.values()) markUnpublished(entry, now);
  ctx.store.itemsChanged([...offline.keys(), ...kept.map((strip) => strip.referrer.id)]);
  return item;
}

export function destroyItem(ctx: OpContext, id: string): ItemRec {
  const item = requireItem(ctx, id);
  failIfInjected(ctx, id);
  assertItemPermission(ctx, item, 'delete');
  assertUnlocked(item);
  const children = ctx.store.childrenOf(id);
  if (children.length > 0) {
    throw new SimError(422, 'DELETE_RESTRICTION', {
      id,
      message: 'The record has children in the tree',
      children,
    });
  }
  // Records linking to it (any version, blocks included): each linking field's strategy decides
  // (fail → DELETE_RESTRICTION, delete_references → the link is removed).
  const strips: Strip[] = [];
  const failing: ReturnType<typeof fieldRefs> = [];
  for (const referrerId of ctx.store.referrersOf(id)) {
    const referrer = ctx.store.items.get(referrerId);
    if (!referrer) continue;
    const fields = new Map<string, FieldRec>();
    for (const version of ['current', 'published'] as const) {
      for (const field of ctx.store.linkingFields(referrer, id, version))
        fields.set(field.id, field);
    }
    const all = [...fields.values()];
    failing.push(
      ...fieldRefs(
        referrer,
        all.filter((field) => effectiveStrategies(field).onDelete === 'fail'),
      ),
    );
    strips.push({ referrer, targetId: id, fields: all });
  }
  if (failing.length > 0) {
    const references = [...new Set(failing.map((entry) => entry.item))];
    throw new SimError(422, 'DELETE_RESTRICTION', {
      id,
      message: 'The record is linked from fields that forbid deleting it',
      references: references.slice(0, 50),
      references_count: references.length,
      fields: failing.slice(0, 50),
    });
  }
  for (const strip of strips) checkStrip(ctx, strip, 'DELETE_RESTRICTION');
  for (const strip of strips) applyStrip(ctx, strip);
  ctx.store.items.delete(id);
  ctx.store.itemsChanged([id, ...strips.map((strip) => strip.referrer.id)]);
  return item;
}

export function moveToStage(ctx: OpContext, id: string, stage: string): ItemRec {
  const item = requireItem(ctx, id);
  failIfInjected(ctx, id);
  // Already there: nothing to move, so no stage rule applies (an idempotent success).
  if (item.stage === stage) return item;
  assertItemPermission(ctx, item, 'move_to_stage', { move: { from: item.stage, to: stage } });
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
