import { useMemo, useState } from 'react';
import { Button } from 'datocms-react-ui';
import r from './reorder.module.css';
import type { FlatItem, SortDirection } from './tree';
import { sortTree } from './treeMoves';

/** Sorts the whole tree, its top level or the collections inside one parent, A→Z or Z→A. */
export function ReorderSortBar(props: { items: FlatItem[]; onSort: (items: FlatItem[]) => void }) {
  const [sortScope, setSortScope] = useState<string>('all');
  const parentsWithChildren = useMemo(
    () => props.items.filter((i) => props.items.some((c) => c.parent === i.id)),
    [props.items],
  );
  return (
    <div className={r.toolbar}>
      <label htmlFor="reorder-sort-scope">Sort</label>
      <select
        id="reorder-sort-scope"
        value={sortScope}
        onChange={(e) => setSortScope(e.target.value)}
        data-testid="reorder-sort-scope"
      >
        <option value="all">the whole tree</option>
        <option value="top">the top level</option>
        {parentsWithChildren.map((p) => (
          <option key={p.id} value={p.id}>
            inside {p.label}
          </option>
        ))}
      </select>
      {(['asc', 'desc'] as SortDirection[]).map((direction) => (
        <Button
          key={direction}
          buttonSize="s"
          onClick={() =>
            props.onSort(
              sortTree(
                props.items,
                sortScope === 'all' ? 'all' : sortScope === 'top' ? null : sortScope,
                direction,
              ),
            )
          }
        >
          {direction === 'asc' ? 'Sort A→Z' : 'Sort Z→A'}
        </Button>
      ))}
    </div>
  );
}
