import s from '../bulk/bulk.module.css';
import r from './reorder.module.css';
import type { FlatItem } from './tree';

/** The collection tree as the server has it after the run. */
export function ReorderResultTree({ tree }: { tree: readonly FlatItem[] }) {
  return (
    <section aria-labelledby="reorder-result-title" data-testid="reorder-result">
      <h3 id="reorder-result-title" className={s.title}>
        The collections now
      </h3>
      {/* Focusable: the list scrolls when the tree is long. */}
      <ul className={r.tree} tabIndex={0} aria-label="Collections after the run">
        {tree.map((i) => (
          <li
            key={i.id}
            className={r.row}
            style={{ paddingLeft: 8 + i.depth * 28 }}
            data-testid="reorder-result-row"
            data-id={i.id}
            data-depth={i.depth}
          >
            <span className={r.label}>{i.label}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
