/** Edits of the reorder tree (drag and drop, keyboard moves, sorting); each returns a new list. */
import { type FlatItem, type SortDirection, descendantsOf, subtreeEnd, withParents } from './tree';

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
