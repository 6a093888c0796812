/** Records in a tree: depth, run order by depth, descendants and the children index. */
import type { RecordFact } from './recordFact';

/** Depth in the tree, from the facts known (unknown parents count as roots). */
function depthOf(id: string, facts: ReadonlyMap<string, RecordFact>): number {
  let depth = 0;
  const seen = new Set<string>();
  let parent = facts.get(id)?.parentId ?? null;
  while (parent && !seen.has(parent)) {
    seen.add(parent);
    depth++;
    parent = facts.get(parent)?.parentId ?? null;
  }
  return depth;
}

/** Stable sort by depth: parents first (publish) or children first (unpublish, delete). */
export function byDepth(
  ids: readonly string[],
  facts: ReadonlyMap<string, RecordFact>,
  order: 'parents-first' | 'children-first',
): string[] {
  const depth = new Map(ids.map((id) => [id, depthOf(id, facts)]));
  const sign = order === 'parents-first' ? 1 : -1;
  return [...ids].sort((a, b) => sign * ((depth.get(a) ?? 0) - (depth.get(b) ?? 0)));
}

export function descendantsOf(
  id: string,
  children: ReadonlyMap<string, readonly string[]>,
): string[] {
  // Breadth first; the list is its own queue (no shift(), which is linear per step).
  const out: string[] = [];
  const seen = new Set<string>();
  for (let next: string | undefined = id, n = 0; next !== undefined; next = out[n++])
    for (const child of children.get(next) ?? [])
      if (!seen.has(child)) {
        seen.add(child);
        out.push(child);
      }
  return out;
}

/** Children per record, from every record of a tree model. */
export function childrenIndex(facts: Iterable<RecordFact>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of facts) {
    if (!f.parentId) continue;
    const siblings = out.get(f.parentId);
    if (siblings) siblings.push(f.id);
    else out.set(f.parentId, [f.id]);
  }
  return out;
}
