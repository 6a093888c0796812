import { describe, expect, it } from 'vitest';
import {
  changedPlacements,
  flatten,
  fromRaw,
  wouldCycle,
  type FlatItem,
  type ServerCollection,
} from './tree';
import {
  canIndent,
  canMoveDown,
  canMoveUp,
  dropAt,
  indent,
  moveAmongSiblings,
  outdent,
  project,
  sortTree,
} from './treeMoves';
import { cycleIn, describeChanges, reapply, staleSummary } from './treeChanges';

// The simulator's demo tree.
const SERVER: ServerCollection[] = [
  { id: 'marketing', label: 'Marketing', position: 1, parent: null },
  { id: 'campaigns', label: 'Campaigns', position: 1, parent: 'marketing' },
  { id: 'c2025', label: '2025', position: 1, parent: 'campaigns' },
  { id: 'c2026', label: '2026', position: 2, parent: 'campaigns' },
  { id: 'social', label: 'Social', position: 2, parent: 'marketing' },
  { id: 'products', label: 'Products', position: 2, parent: null },
  { id: 'shoes', label: 'Shoes', position: 1, parent: 'products' },
  { id: 'bags', label: 'Bags', position: 2, parent: 'products' },
  { id: 'accessories', label: 'Accessories', position: 3, parent: 'products' },
  { id: 'press', label: 'Press kit', position: 3, parent: null },
  { id: 'archive', label: 'Archive', position: 4, parent: null },
  { id: 'a2024', label: '2024', position: 1, parent: 'archive' },
];

const shape = (items: readonly FlatItem[]) => items.map((i) => `${'-'.repeat(i.depth)}${i.id}`);

/** Every row's parent is the nearest row above with depth − 1. */
function consistent(items: readonly FlatItem[]): boolean {
  return items.every((item, n) => {
    if (item.depth === 0) return item.parent === null;
    const above = items
      .slice(0, n)
      .reverse()
      .find((i) => i.depth === item.depth - 1);
    return above?.id === item.parent && items[n - 1]!.depth >= item.depth - 1;
  });
}

describe('reorder tree', () => {
  const flat = flatten(SERVER);

  it('flattens by position, parents before children, and reads raw JSON:API', () => {
    expect(shape(flat)).toEqual([
      'marketing',
      '-campaigns',
      '--c2025',
      '--c2026',
      '-social',
      'products',
      '-shoes',
      '-bags',
      '-accessories',
      'press',
      'archive',
      '-a2024',
    ]);
    expect(changedPlacements(SERVER, flat)).toEqual([]);
    expect(
      fromRaw([
        {
          id: 'x',
          attributes: { label: 'X', position: 3 },
          relationships: { parent: { data: { id: 'p' } } },
        },
      ]),
    ).toEqual([{ id: 'x', label: 'X', position: 3, parent: 'p' }]);
  });

  it('moves among siblings with the subtree; only the two swapped collections change', () => {
    const moved = moveAmongSiblings(flat, 'products', -1);
    expect(shape(moved).slice(0, 6)).toEqual([
      'products',
      '-shoes',
      '-bags',
      '-accessories',
      'marketing',
      '-campaigns',
    ]);
    expect(changedPlacements(SERVER, moved)).toEqual([
      { id: 'products', position: 1, parent: null },
      { id: 'marketing', position: 2, parent: null },
    ]);
    expect(canMoveUp(flat, 'marketing')).toBe(false);
    expect(canMoveDown(flat, 'archive')).toBe(false);
    expect(canMoveDown(flat, 'c2025')).toBe(true);
    // Undo by the inverse move gives back the server tree.
    expect(changedPlacements(SERVER, moveAmongSiblings(moved, 'products', 1))).toEqual([]);
  });

  it('indents under the previous sibling (last child) and outdents after the parent', () => {
    const nested = indent(flat, 'press');
    expect(nested.find((i) => i.id === 'press')).toMatchObject({ parent: 'products', depth: 1 });
    expect(changedPlacements(SERVER, nested)).toEqual([
      { id: 'press', position: 4, parent: 'products' },
      { id: 'archive', position: 3, parent: null },
    ]);
    expect(canIndent(flat, 'marketing')).toBe(false);
    const out = outdent(flat, 'campaigns');
    expect(shape(out).slice(0, 5)).toEqual([
      'marketing',
      '-social',
      'campaigns',
      '-c2025',
      '-c2026',
    ]);
    expect(consistent(out)).toBe(true);
    expect(changedPlacements(SERVER, out).map((p) => p.id)).toEqual([
      'social',
      'campaigns',
      'products',
      'press',
      'archive',
    ]);
  });

  it('projects a drag like dnd-kit: depth kept between the rows around the drop', () => {
    // Dragging Press kit up over Accessories (it takes its place, just before it) with one level
    // to the right: under Products.
    expect(project(flat, 'press', 'accessories', 1)).toEqual({
      depth: 1,
      parent: 'products',
      index: 8,
    });
    // Far to the right is capped at one level below the row above.
    expect(project(flat, 'press', 'accessories', 5)?.depth).toBe(2);
    // Far to the left over a row followed by a deeper row is held at that row's depth.
    expect(project(flat, 'archive', 'campaigns', -3)).toMatchObject({
      depth: 1,
      parent: 'marketing',
    });
  });

  it('drops with the subtree, and never under its own descendant', () => {
    const dropped = dropAt(flat, 'products', 'c2026', 0);
    expect(consistent(dropped)).toBe(true);
    // Products had depth 0; dropped after 2026 it gets the depth the neighbours allow.
    const products = dropped.find((i) => i.id === 'products')!;
    expect(['campaigns', 'marketing', null]).toContain(products.parent);
    expect(descendantsOfIds(dropped, 'products')).toEqual(['shoes', 'bags', 'accessories']);
    // Products' own children are not drop targets: the drag list leaves them out.
    expect(project(flat, 'products', 'shoes', 1)).toBeNull();
    expect(wouldCycle(flat, 'marketing', 'c2025')).toBe(true);
    expect(wouldCycle(flat, 'marketing', 'marketing')).toBe(true);
    expect(wouldCycle(flat, 'c2025', 'marketing')).toBe(false);
    expect(wouldCycle(flat, 'c2025', null)).toBe(false);
    // The guard before sending: Marketing under its grandchild 2025 is a loop.
    expect(cycleIn(SERVER, [{ id: 'marketing', position: 1, parent: 'c2025' }])).not.toBeNull();
    expect(
      cycleIn(SERVER, changedPlacements(SERVER, dropAt(flat, 'products', 'c2026', 1))),
    ).toBeNull();
  });

  it('a drop over itself changes nothing; a nest-drop makes the new parent', () => {
    expect(changedPlacements(SERVER, dropAt(flat, 'press', 'press', 0))).toEqual([]);
    // Archive dragged up over Press kit lands just before it, one level right: last in Products.
    const nested = dropAt(flat, 'archive', 'press', 1);
    expect(nested.find((i) => i.id === 'archive')).toMatchObject({
      parent: 'products',
      depth: 1,
    });
    expect(nested.find((i) => i.id === 'a2024')).toMatchObject({ parent: 'archive', depth: 2 });
    expect(changedPlacements(SERVER, nested)).toEqual([
      { id: 'archive', position: 4, parent: 'products' },
    ]);
  });

  it('sorts one level or the whole tree, A→Z and Z→A, numbers naturally', () => {
    const top = sortTree(flat, null, 'asc');
    expect(top.filter((i) => i.depth === 0).map((i) => i.label)).toEqual([
      'Archive',
      'Marketing',
      'Press kit',
      'Products',
    ]);
    // Other levels untouched.
    expect(top.filter((i) => i.parent === 'products').map((i) => i.id)).toEqual([
      'shoes',
      'bags',
      'accessories',
    ]);
    // Shoes, Bags, Accessories is already Z→A; A→Z swaps the first and the last only.
    expect(changedPlacements(SERVER, sortTree(flat, 'products', 'desc'))).toEqual([]);
    expect(changedPlacements(SERVER, sortTree(flat, 'products', 'asc'))).toEqual([
      { id: 'accessories', position: 1, parent: 'products' },
      { id: 'shoes', position: 3, parent: 'products' },
    ]);
    const all = sortTree(flat, 'all', 'desc');
    expect(all.filter((i) => i.parent === 'campaigns').map((i) => i.label)).toEqual([
      '2026',
      '2025',
    ]);
    expect(consistent(all)).toBe(true);
  });

  it('describes what moves where', () => {
    const nested = indent(flat, 'press');
    expect(describeChanges(SERVER, nested)).toEqual([
      {
        id: 'press',
        label: 'Press kit',
        fromPath: 'Top level',
        fromPosition: 3,
        toPath: 'Products',
        toPosition: 4,
        parentChanged: true,
      },
      {
        id: 'archive',
        label: 'Archive',
        fromPath: 'Top level',
        fromPosition: 4,
        toPath: 'Top level',
        toPosition: 3,
        parentChanged: false,
      },
    ]);
  });

  it('notices a tree changed on the server and re-applies the edit on it', () => {
    expect(staleSummary(SERVER, [...SERVER].reverse())).toBeNull();
    const now: ServerCollection[] = [
      ...SERVER.filter((c) => c.id !== 'a2024'),
      { id: 'new', label: 'New', position: 5, parent: null },
    ];
    expect(staleSummary(SERVER, now)).toEqual({ added: 1, removed: 1, moved: 0, renamed: 0 });
    const edited = moveAmongSiblings(flat, 'archive', -1);
    const again = reapply(SERVER, now, edited);
    expect(consistent(again)).toBe(true);
    expect(again.filter((i) => i.depth === 0).map((i) => i.id)).toEqual([
      'marketing',
      'products',
      'archive',
      'press',
      'new',
    ]);
    expect(changedPlacements(now, again)).toEqual([
      { id: 'archive', position: 3, parent: null },
      { id: 'press', position: 4, parent: null },
    ]);
  });

  it("re-applying keeps a colleague's changes in the groups the user did not touch", () => {
    // The user moved Archive up a place; meanwhile a colleague put Social before Campaigns.
    const now: ServerCollection[] = SERVER.map((c) =>
      c.id === 'social' ? { ...c, position: 1 } : c.id === 'campaigns' ? { ...c, position: 2 } : c,
    );
    expect(staleSummary(SERVER, now)).toMatchObject({ moved: 2 });
    const edited = moveAmongSiblings(flat, 'archive', -1);
    const again = reapply(SERVER, now, edited);
    expect(consistent(again)).toBe(true);
    expect(again.filter((i) => i.parent === 'marketing').map((i) => i.id)).toEqual([
      'social',
      'campaigns',
    ]);
    expect(changedPlacements(now, again)).toEqual([
      { id: 'archive', position: 3, parent: null },
      { id: 'press', position: 4, parent: null },
    ]);
  });

  it('re-applying moves the collections the user re-parented, after the server members of that group', () => {
    // The user put Social under Products (last); meanwhile a colleague added a collection there.
    const edited = dropAt(flat, 'social', 'accessories', 0);
    expect(edited.find((i) => i.id === 'social')!.parent).toBe('products');
    const now: ServerCollection[] = [
      ...SERVER,
      { id: 'new', label: 'New', position: 4, parent: 'products' },
    ];
    const again = reapply(SERVER, now, edited);
    expect(consistent(again)).toBe(true);
    expect(again.filter((i) => i.parent === 'products').map((i) => i.id)).toEqual([
      ...edited.filter((i) => i.parent === 'products').map((i) => i.id),
      'new',
    ]);
    expect(again.filter((i) => i.parent === 'marketing').map((i) => i.id)).toEqual(['campaigns']);
  });

  it('re-applying never builds a loop, even when the server moved a parent under a child', () => {
    // The user put Social under Campaigns; meanwhile the server put Campaigns under a new child.
    const edited = dropAt(flat, 'social', 'c2026', -1);
    expect(edited.find((i) => i.id === 'social')!.parent).toBe('campaigns');
    const now: ServerCollection[] = [
      ...SERVER,
      { id: 'new', label: 'New', position: 1, parent: 'social' },
    ];
    const again = reapply(SERVER, now, edited);
    expect(consistent(again)).toBe(true);
    expect(again).toHaveLength(now.length);
  });
});

function descendantsOfIds(items: readonly FlatItem[], id: string): string[] {
  const start = items.findIndex((i) => i.id === id);
  const out: string[] = [];
  for (let n = start + 1; n < items.length && items[n]!.depth > items[start]!.depth; n++)
    out.push(items[n]!.id);
  return out;
}
