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
function withParents(items: readonly { id: string; label: string; depth: number }[]): FlatItem[] {
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

/**
 * Where a dragged row would land: dnd-kit's tree projection. `activeId` is dropped over `overId`
 * (the list being the rows without the active row's descendants, which travel with it), and the
 * horizontal drag offset in levels asks for a depth, kept between what the rows around allow.
 */
export function project(
  items: readonly FlatItem[],
  activeId: string,
  overId: string,
  depthOffset: number,
): { depth: number; parent: string | null; index: number } | null {
  const descendants = new Set(descendantsOf(items, activeId));
  const visible = items.filter((i) => !descendants.has(i.id));
  const from = visible.findIndex((i) => i.id === activeId);
  const to = visible.findIndex((i) => i.id === overId);
  if (from < 0 || to < 0) return null;
  const moved = [...visible];
  const [active] = moved.splice(from, 1);
  moved.splice(to, 0, active!);
  const previous = moved[to - 1];
  const next = moved[to + 1];
  const maxDepth = previous ? previous.depth + 1 : 0;
  const minDepth = next ? next.depth : 0;
  const depth = Math.min(maxDepth, Math.max(minDepth, active!.depth + depthOffset));
  let parent: string | null = null;
  if (depth > 0 && previous) {
    if (depth === previous.depth) parent = previous.parent;
    else if (depth > previous.depth) parent = previous.id;
    else
      parent =
        moved
          .slice(0, to)
          .reverse()
          .find((i) => i.depth === depth)?.parent ?? null;
  }
  return { depth, parent, index: to };
}

/** Applies a drop: the active row (with its subtree) goes where `project` said. */
export function dropAt(
  items: readonly FlatItem[],
  activeId: string,
  overId: string,
  depthOffset: number,
): FlatItem[] {
  const target = project(items, activeId, overId, depthOffset);
  const start = items.findIndex((i) => i.id === activeId);
  if (!target || start < 0) return [...items];
  const active = items[start]!;
  const shift = target.depth - active.depth;
  const descendants = items.slice(start + 1, subtreeEnd(items, start));
  const hidden = new Set(descendants.map((i) => i.id));
  // Same list as `project` moved, then the subtree follows its root at its new depth.
  const visible = items.filter((i) => !hidden.has(i.id) && i.id !== activeId);
  visible.splice(target.index, 0, { ...active, depth: target.depth });
  return withParents(
    visible.flatMap((i) =>
      i.id === activeId ? [i, ...descendants.map((d) => ({ ...d, depth: d.depth + shift }))] : [i],
    ),
  );
}

/** Moves a collection (with its subtree) before its previous sibling (-1) or after its next (+1). */
export function moveAmongSiblings(
  items: readonly FlatItem[],
  id: string,
  direction: -1 | 1,
): FlatItem[] {
  const start = items.findIndex((i) => i.id === id);
  if (start < 0) return [...items];
  const item = items[start]!;
  const end = subtreeEnd(items, start);
  const block = items.slice(start, end);
  if (direction === -1) {
    let prev = start - 1;
    while (prev >= 0 && items[prev]!.depth > item.depth) prev--;
    if (prev < 0 || items[prev]!.parent !== item.parent || items[prev]!.depth !== item.depth)
      return [...items];
    return [...items.slice(0, prev), ...block, ...items.slice(prev, start), ...items.slice(end)];
  }
  const next = items[end];
  if (!next || next.parent !== item.parent || next.depth !== item.depth) return [...items];
  const nextEnd = subtreeEnd(items, end);
  return [
    ...items.slice(0, start),
    ...items.slice(end, nextEnd),
    ...block,
    ...items.slice(nextEnd),
  ];
}

/** Makes a collection the last child of its previous sibling. */
export function indent(items: readonly FlatItem[], id: string): FlatItem[] {
  const start = items.findIndex((i) => i.id === id);
  if (start < 0) return [...items];
  const item = items[start]!;
  let prev = start - 1;
  while (prev >= 0 && items[prev]!.depth > item.depth) prev--;
  if (prev < 0 || items[prev]!.depth !== item.depth) return [...items];
  const end = subtreeEnd(items, start);
  return withParents(
    items.map((i, index) => (index >= start && index < end ? { ...i, depth: i.depth + 1 } : i)),
  );
}

/** Makes a collection the next sibling of its parent (after the parent's subtree). */
export function outdent(items: readonly FlatItem[], id: string): FlatItem[] {
  const start = items.findIndex((i) => i.id === id);
  if (start < 0 || items[start]!.depth === 0) return [...items];
  const parentIndex = items.findIndex((i) => i.id === items[start]!.parent);
  const end = subtreeEnd(items, start);
  const parentEnd = subtreeEnd(items, parentIndex);
  const block = items.slice(start, end).map((i) => ({ ...i, depth: i.depth - 1 }));
  const rest = [...items.slice(0, start), ...items.slice(end)];
  const insertAt = parentEnd - block.length;
  return withParents([...rest.slice(0, insertAt), ...block, ...rest.slice(insertAt)]);
}

export const canMoveUp = (items: readonly FlatItem[], id: string) =>
  moveAmongSiblings(items, id, -1).some((i, n) => i.id !== items[n]!.id);
export const canMoveDown = (items: readonly FlatItem[], id: string) =>
  moveAmongSiblings(items, id, 1).some((i, n) => i.id !== items[n]!.id);
export const canIndent = (items: readonly FlatItem[], id: string) =>
  indent(items, id).some((i, n) => i.depth !== items[n]!.depth);

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Sorts the children of `parent` (one level), or every level when `parent` is 'all'. */
export function sortTree(
  items: readonly FlatItem[],
  parent: string | null | 'all',
  direction: SortDirection,
): FlatItem[] {
  const children = new Map<string | null, FlatItem[]>();
  for (const i of items) children.set(i.parent, [...(children.get(i.parent) ?? []), i]);
  const compare = (a: FlatItem, b: FlatItem) =>
    (direction === 'asc' ? 1 : -1) *
    (collator.compare(a.label, b.label) || a.id.localeCompare(b.id));
  const out: FlatItem[] = [];
  const walk = (p: string | null) => {
    const list = children.get(p) ?? [];
    const ordered = parent === 'all' || parent === p ? [...list].sort(compare) : list;
    for (const i of ordered) {
      out.push(i);
      walk(i.id);
    }
  };
  walk(null);
  return out;
}

/** One line of the preview: where a collection was and where it goes. */
export type MoveDescription = {
  readonly id: string;
  readonly label: string;
  readonly fromPath: string;
  readonly fromPosition: number;
  readonly toPath: string;
  readonly toPosition: number;
  readonly parentChanged: boolean;
};

const TOP = 'Top level';

function pathOf(labels: ReadonlyMap<string, string>, parents: ReadonlyMap<string, string | null>) {
  return (parent: string | null): string => {
    const names: string[] = [];
    const guard = new Set<string>();
    for (let p = parent; p !== null && !guard.has(p); p = parents.get(p) ?? null) {
      guard.add(p);
      names.unshift(labels.get(p) ?? p);
    }
    return names.length === 0 ? TOP : names.join(' › ');
  };
}

export function describeChanges(
  server: readonly ServerCollection[],
  items: readonly FlatItem[],
): MoveDescription[] {
  const labels = new Map(server.map((c) => [c.id, c.label]));
  const before = new Map(server.map((c) => [c.id, c]));
  const oldPath = pathOf(labels, new Map(server.map((c) => [c.id, c.parent])));
  const newPath = pathOf(labels, new Map(items.map((i) => [i.id, i.parent])));
  return changedPlacements(server, items).map((p) => {
    const b = before.get(p.id);
    return {
      id: p.id,
      label: labels.get(p.id) ?? p.id,
      fromPath: b ? oldPath(b.parent) : '—',
      fromPosition: b?.position ?? 0,
      toPath: newPath(p.parent),
      toPosition: p.position,
      parentChanged: b?.parent !== p.parent,
    };
  });
}

/** A fingerprint of the tree: any added, removed, renamed or moved collection changes it. */
export function treeSignature(server: readonly ServerCollection[]): string {
  return [...server]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((c) => `${c.id}\u0000${c.parent ?? ''}\u0000${c.position}\u0000${c.label}`)
    .join('\u0001');
}

/** What differs between the tree the modal opened with and the server's tree now. */
export function staleSummary(
  opened: readonly ServerCollection[],
  now: readonly ServerCollection[],
): { added: number; removed: number; moved: number; renamed: number } | null {
  if (treeSignature(opened) === treeSignature(now)) return null;
  const a = new Map(opened.map((c) => [c.id, c]));
  const b = new Map(now.map((c) => [c.id, c]));
  let moved = 0;
  let renamed = 0;
  for (const [id, c] of b) {
    const old = a.get(id);
    if (!old) continue;
    if (old.parent !== c.parent || old.position !== c.position) moved++;
    if (old.label !== c.label) renamed++;
  }
  return {
    added: [...b.keys()].filter((id) => !a.has(id)).length,
    removed: [...a.keys()].filter((id) => !b.has(id)).length,
    moved,
    renamed,
  };
}

/**
 * Re-applies the user's edit on the server's newer tree, as a three-way merge with the tree the
 * modal opened with, so a colleague's concurrent changes survive: a collection the user moved to
 * another parent goes there (unless that parent was deleted meanwhile); a sibling group the user
 * changed gets the user's order, with collections that joined it on the server after them; every
 * group the user did not touch keeps the server's order and members.
 */
export function reapply(
  opened: readonly ServerCollection[],
  now: readonly ServerCollection[],
  edited: readonly FlatItem[],
): FlatItem[] {
  const nowIds = new Set(now.map((c) => c.id));
  const openedById = new Map(opened.map((c) => [c.id, c]));
  const editedById = new Map(edited.map((i, index) => [i.id, { item: i, index }]));
  const base = new Map(now.map((c) => [c.id, c]));
  // The groups the user's edit changed: where a changed collection went, and where it came from.
  const touched = new Set<string | null>();
  const reparented = new Set<string>();
  for (const p of changedPlacements(opened, edited)) {
    touched.add(p.parent);
    const before = openedById.get(p.id);
    if (before) touched.add(before.parent);
    if (before?.parent !== p.parent) reparented.add(p.id);
  }
  const parentOf = new Map<string, string | null>();
  for (const c of now) {
    const e = editedById.get(c.id)?.item;
    const userParent = e && reparented.has(c.id) && (e.parent === null || nowIds.has(e.parent));
    parentOf.set(c.id, userParent ? e.parent : c.parent);
  }
  // A parent taken from the server may close a loop with the user's parents: break it there.
  for (const c of now) {
    const seen = new Set([c.id]);
    for (let p = parentOf.get(c.id) ?? null; p !== null; p = parentOf.get(p) ?? null) {
      if (seen.has(p)) {
        parentOf.set(c.id, null);
        break;
      }
      seen.add(p);
    }
  }
  const order = (id: string, group: string | null) => {
    const serverPosition = base.get(id)!.position;
    if (!touched.has(group)) return serverPosition;
    const e = editedById.get(id);
    // Only collections the user left in this group keep the user's order here.
    return e && e.item.parent === group ? e.index : edited.length + serverPosition;
  };
  const children = new Map<string | null, string[]>();
  for (const c of now) {
    const p = parentOf.get(c.id) ?? null;
    children.set(p, [...(children.get(p) ?? []), c.id]);
  }
  const out: FlatItem[] = [];
  const walk = (p: string | null, depth: number) => {
    for (const id of [...(children.get(p) ?? [])].sort((x, y) => order(x, p) - order(y, p))) {
      out.push({ id, label: base.get(id)!.label, parent: p, depth });
      walk(id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/**
 * The last guard before sending: the server's parents with the placements applied must not put
 * a collection inside itself. Returns the first collection caught in a loop, or null.
 */
export function cycleIn(
  server: readonly ServerCollection[],
  placements: readonly CollectionPlacement[],
): string | null {
  const parentOf = new Map(server.map((c) => [c.id, c.parent]));
  for (const p of placements) parentOf.set(p.id, p.parent);
  for (const id of parentOf.keys()) {
    const seen = new Set([id]);
    for (let p = parentOf.get(id) ?? null; p !== null; p = parentOf.get(p) ?? null) {
      if (seen.has(p)) return id;
      seen.add(p);
    }
  }
  return null;
}
