import type { ReactNode } from 'react';
import { Button } from 'datocms-react-ui';
import { EnvironmentNote } from '../bulk/EnvironmentNote';
import { counted } from '../bulk/nouns';
import s from '../bulk/bulk.module.css';
import r from './reorder.module.css';
import { COLLECTION } from './reorderStep';
import type { describeChanges } from './treeChanges';

/** What moves where, before the reorder is sent. */
export function ReorderPreviewStep(props: {
  changes: ReturnType<typeof describeChanges>;
  /** How many collections stay where they are. */
  unchanged: number;
  notice: ReactNode;
  error: string | null;
  environment: { name: string; primary: boolean };
  canApply: boolean;
  onBack: () => void;
  onApply: () => void;
}) {
  return (
    <section className={s.step} aria-labelledby="reorder-title" data-testid="reorder-step-preview">
      <h2 id="reorder-title" className={s.title}>
        Reorder collections: preview
      </h2>
      <p data-testid="reorder-preview-count">
        {counted(props.changes.length, COLLECTION)} will change; the other{' '}
        {counted(props.unchanged, COLLECTION)} stay where they are and are not sent.
      </p>
      <div className={s.tableWrap} tabIndex={0} role="region" aria-label="What moves where">
        <table className={s.table} data-testid="reorder-preview-table">
          <thead>
            <tr>
              <th scope="col">Collection</th>
              <th scope="col">Now</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {props.changes.map((c) => (
              <tr key={c.id} data-testid="reorder-preview-row" data-id={c.id}>
                <td>{c.label}</td>
                <td>
                  {c.fromPath}, position {c.fromPosition}
                </td>
                <td className={c.parentChanged ? r.moved : undefined}>
                  {c.toPath}, position {c.toPosition}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.notice}
      {props.error && (
        <p role="alert" className={s.error}>
          {props.error}
        </p>
      )}
      <EnvironmentNote environment={props.environment} />
      <div className={s.actions}>
        <Button buttonType="muted" onClick={props.onBack}>
          Back
        </Button>
        <Button buttonType="primary" disabled={!props.canApply} onClick={props.onApply}>
          {`Reorder ${counted(props.changes.length, COLLECTION)}`}
        </Button>
      </div>
    </section>
  );
}
