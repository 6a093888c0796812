/** What changed in the reorder tree: the preview's lines, and the server's tree changing meanwhile. */
import type { CollectionPlacement } from '../../operations/reorderCollections/operation';
import { type FlatItem, type ServerCollection, changedPlacements } from './tree';

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
