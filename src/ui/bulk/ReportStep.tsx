import { Button } from 'datocms-react-ui';
import type { PreviewRow } from './previewModel';
import type { ReportRow, RunReportView } from './report';
import type { Noun } from './nouns';
import type { EntityInfo } from './entityInfo';
import s from './bulk.module.css';

const STATE_LABEL = { failed: 'Failed', skipped: 'Skipped', not_run: 'Not run' } as const;
const MAX_ROWS = 500;

/** Step 5: what happened, with the failures and what to do next. */
export function ReportStep(props: {
  title: string;
  noun: Noun;
  report: RunReportView;
  entities: ReadonlyMap<string, EntityInfo>;
  leftOut: readonly PreviewRow[];
  canRetry: boolean;
  canUndo: boolean;
  /** What Undo does and does not restore, shown next to it. */
  undoNote?: string | null;
  /** How many earlier runs (the ones this one retried) Undo reverts too. */
  undoAlsoCovers?: number;
  busy: boolean;
  error: string | null;
  onRetry: () => void;
  onUndo: () => void;
  onExport: (format: 'csv' | 'json') => void;
  onClose: () => void;
}) {
  const { report } = props;
  const c = report.counts;
  const rows: (ReportRow & { leftOut?: boolean })[] = [
    ...report.rows,
    ...props.leftOut.map((r) => ({
      id: r.id,
      state: 'skipped' as const,
      code: r.reason.startsWith('Used by records') ? 'IN_USE' : 'LEFT_OUT',
      reason: r.reason,
      leftOut: true,
    })),
  ];
  return (
    <section className={s.step} aria-labelledby="bulk-step-title" data-testid="bulk-step-report">
      <h2 id="bulk-step-title" className={s.title}>
        {props.title}
      </h2>
      <ul className={s.counts} aria-label="Outcomes" data-testid="bulk-report-counts">
        <li data-testid="bulk-report-succeeded">{c.succeeded} succeeded</li>
        <li data-testid="bulk-report-failed">{c.failed} failed</li>
        <li data-testid="bulk-report-skipped">{c.skipped} skipped</li>
        <li data-testid="bulk-report-not-run">{c.not_run} not run</li>
        {props.leftOut.length > 0 && (
          <li data-testid="bulk-report-left-out">{props.leftOut.length} left out</li>
        )}
      </ul>
      {report.status === 'cancelled' && (
        <p className={s.notice} data-testid="bulk-report-cancelled">
          The run was cancelled: chunks already submitted finished; the rest were not run.
        </p>
      )}
      {rows.length > 0 && (
        <div
          className={s.tableWrap}
          tabIndex={0}
          role="region"
          aria-label="Items that did not succeed"
        >
          <table className={s.table} data-testid="bulk-report-table">
            <thead>
              <tr>
                <th scope="col">
                  <span className="sr-only">Thumbnail</span>
                </th>
                <th scope="col">{props.noun.one === 'asset' ? 'Filename' : 'Record'}</th>
                <th scope="col">State</th>
                <th scope="col">Code</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, MAX_ROWS).map((r) => {
                const entity = props.entities.get(r.id);
                return (
                  <tr key={r.id} data-testid="bulk-report-row" data-id={r.id} data-state={r.state}>
                    <td>
                      {entity?.thumbnail ? (
                        <img className={s.thumb} src={entity.thumbnail} alt="" />
                      ) : null}
                    </td>
                    <td>{entity?.name ?? r.id}</td>
                    <td>{r.leftOut ? 'Left out' : STATE_LABEL[r.state]}</td>
                    <td>{r.code}</td>
                    <td>{r.reason}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {rows.length > MAX_ROWS && (
            <p className={s.hint}>
              Showing {MAX_ROWS} of {rows.length}; export the report for all of them.
            </p>
          )}
        </div>
      )}
      {props.error && (
        <p role="alert" className={s.error} data-testid="bulk-report-error">
          {props.error}
        </p>
      )}
      {props.canUndo && props.undoNote && (
        <p className={s.hint} data-testid="bulk-undo-note">
          {props.undoNote}
        </p>
      )}
      {props.canUndo && (props.undoAlsoCovers ?? 0) > 0 && (
        <p className={s.hint} data-testid="bulk-report-undo-covers">
          Undo reverts this retry and also{' '}
          {props.undoAlsoCovers === 1
            ? 'the run it retried'
            : `the ${props.undoAlsoCovers} runs before it that it retried`}
          .
        </p>
      )}
      <div className={s.actions}>
        <Button onClick={() => props.onExport('csv')} buttonType="muted">
          Export CSV
        </Button>
        <Button onClick={() => props.onExport('json')} buttonType="muted">
          Export JSON
        </Button>
        {props.canUndo && (
          <Button onClick={props.onUndo} disabled={props.busy}>
            Undo
          </Button>
        )}
        {props.canRetry && (
          <Button onClick={props.onRetry} buttonType="primary" disabled={props.busy}>
            Retry failed
          </Button>
        )}
        <Button onClick={props.onClose} buttonType="muted">
          Close
        </Button>
      </div>
    </section>
  );
}
