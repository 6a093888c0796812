import { Button } from 'datocms-react-ui';
import { counted } from '../bulk/nouns';
import s from '../bulk/bulk.module.css';
import { COLLECTION, type Conflict } from './reorderStep';

/** The tree changed on the server since the modal opened: reload and re-apply, or stop. */
export function ReorderConflictPanel(props: {
  summary: Conflict['summary'];
  onStop: () => void;
  onReload: () => void;
}) {
  const { summary } = props;
  return (
    <div role="alert" className={s.notice} data-testid="reorder-conflict">
      <p>
        The collection tree changed on the server since this window opened (
        {(
          [
            [summary.added, 'added'],
            [summary.removed, 'removed'],
            [summary.moved, 'moved'],
            [summary.renamed, 'renamed'],
          ] as const
        )
          .filter(([n]) => n > 0)
          // "2 collections added, 1 moved": the noun once, on the first count.
          .map(([n, what], i) => `${i === 0 ? counted(n, COLLECTION) : n} ${what}`)
          .join(', ')}
        ). Nothing was sent.
      </p>
      <div className={s.actions}>
        <Button buttonType="muted" onClick={props.onStop}>
          Stop
        </Button>
        <Button buttonType="primary" onClick={props.onReload}>
          Reload and re-apply my changes
        </Button>
      </div>
    </div>
  );
}
