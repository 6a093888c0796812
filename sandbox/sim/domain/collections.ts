/** Upload collection reorder: validated when submitted, applied when its job completes. */
import { invalidField, SimError } from '../errors';
import type { Store } from '../store';

export type ReorderEntry = { id: string; position: number; parentId: string | null };

/** Rejects unknown ids, self-parenting, cycles and two entries claiming one slot. */
export function checkReorder(store: Store, entries: readonly ReorderEntry[]): void {
  const seen = new Set<string>();
  const slots = new Set<string>();
  for (const entry of entries) {
    if (!store.collections.has(entry.id)) {
      throw invalidField('id', 'VALIDATION_INVALID', {
        message: `upload collection ${entry.id} does not exist`,
      });
    }
    if (entry.parentId !== null && !store.collections.has(entry.parentId)) {
      throw new SimError(422, 'INVALID_PARENT_ID', { id: entry.id, parent_id: entry.parentId });
    }
    if (seen.has(entry.id)) {
      throw invalidField('id', 'VALIDATION_UNIQUENESS', { message: `${entry.id} appears twice` });
    }
    seen.add(entry.id);
    const slot = `${entry.parentId ?? ''}/${entry.position}`;
    if (slots.has(slot)) {
      throw new SimError(422, 'DUPLICATE_POSITIONS_FOUND', {
        parent_id: entry.parentId,
        position: entry.position,
      });
    }
    slots.add(slot);
  }
  const parentOf = new Map<string, string | null>();
  for (const collection of store.collections.values()) {
    parentOf.set(collection.id, collection.parentId);
  }
  for (const entry of entries) parentOf.set(entry.id, entry.parentId);
  for (const entry of entries) {
    let current: string | null | undefined = entry.parentId;
    const path = new Set([entry.id]);
    while (current) {
      if (path.has(current)) {
        throw new SimError(422, 'INVALID_PARENT', {
          id: entry.id,
          message: 'A collection cannot be inside itself',
        });
      }
      path.add(current);
      current = parentOf.get(current);
    }
  }
}

export function applyReorder(store: Store, entries: readonly ReorderEntry[]): void {
  for (const entry of entries) {
    const collection = store.collections.get(entry.id);
    if (!collection) continue;
    collection.position = entry.position;
    collection.parentId = entry.parentId;
  }
}
