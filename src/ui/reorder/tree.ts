/**
 * The upload-collection tree of the reorder modal, in plain TS: the tree is kept as a flat list in
 * display order (parents before their children, each with its depth), which is what a sortable
 * list needs, and every edit returns a new list. Positions are 1-based among siblings, as the CMA's.
 */
import type { CollectionPlacement } from '../../operations/reorderCollections/operation';

/** One collection as the server has it. */
export type ServerCollection = {
  readonly id: string;
  readonly label: string;
  readonly parent: string | null;
  readonly position: number;
};

/** One row of the edited tree. */
export type FlatItem = {
  readonly id: string;
  readonly label: string;
  readonly parent: string | null;
  readonly depth: number;
};

export type SortDirection = 'asc' | 'desc';

type RawLike = {
  id: string;
  attributes?: Record<string, unknown>;
  relationships?: Record<string, { data?: unknown } | undefined>;
};

export function fromRaw(entities: readonly RawLike[]): ServerCollection[] {
  return entities.map((e) => ({
    id: e.id,
    label: String(e.attributes?.label ?? e.id),
    parent: (e.relationships?.parent?.data as { id?: string } | null | undefined)?.id ?? null,
    position: Number(e.attributes?.position ?? 0),
  }));
}

/** Server collections in display order: by position among siblings (then id, as the server). */
export function flatten(collections: readonly ServerCollection[]): FlatItem[] {
  const ids = new Set(collections.map((c) => c.id));
  const byParent = new Map<string | null, ServerCollection[]>();
  for (const c of collections) {
    // A parent that is not in the list would hide its children: show them at the top instead.
    const parent = c.parent !== null && ids.has(c.parent) ? c.parent : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), c]);
  }
  const out: FlatItem[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    const children = [...(byParent.get(parent) ?? [])].sort(
      (a, b) => a.position - b.position || a.id.localeCompare(b.id),
    );
    for (const c of children) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      out.push({ id: c.id, label: c.label, parent, depth });
      walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** Rebuilds each row's parent from the depths (the row above with depth − 1). */
export function withParents(
  items: readonly { id: string; label: string; depth: number }[],
): FlatItem[] {
  const stack: string[] = [];
  return items.map((item) => {
    stack.length = item.depth;
    const parent = item.depth === 0 ? null : (stack[item.depth - 1] ?? null);
    stack[item.depth] = item.id;
    return { id: item.id, label: item.label, parent, depth: item.depth };
  });
}

/** The index just past the subtree of the row at `index`. */
export function subtreeEnd(items: readonly FlatItem[], index: number): number {
  const depth = items[index]!.depth;
  let end = index + 1;
  while (end < items.length && items[end]!.depth > depth) end++;
  return end;
}

export function descendantsOf(items: readonly FlatItem[], id: string): string[] {
  const index = items.findIndex((i) => i.id === id);
  if (index < 0) return [];
  return items.slice(index + 1, subtreeEnd(items, index)).map((i) => i.id);
}

/** Whether putting `id` under `parent` would put a collection inside itself. */
export function wouldCycle(items: readonly FlatItem[], id: string, parent: string | null): boolean {
  return parent !== null && (parent === id || descendantsOf(items, id).includes(parent));
}

/** 1-based position among siblings and parent of every row. */
export function placements(items: readonly FlatItem[]): Map<string, CollectionPlacement> {
  const count = new Map<string | null, number>();
  const out = new Map<string, CollectionPlacement>();
  for (const item of items) {
    const position = (count.get(item.parent) ?? 0) + 1;
    count.set(item.parent, position);
    out.set(item.id, { id: item.id, position, parent: item.parent });
  }
  return out;
}

/** Only the collections whose parent or position differ from the server's, in display order. */
export function changedPlacements(
  server: readonly ServerCollection[],
  items: readonly FlatItem[],
): CollectionPlacement[] {
  const before = new Map(server.map((c) => [c.id, c]));
  return [...placements(items).values()].filter((p) => {
    const b = before.get(p.id);
    return !b || b.parent !== p.parent || b.position !== p.position;
  });
}
