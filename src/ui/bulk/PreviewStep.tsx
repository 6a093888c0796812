import { useRef, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Button } from 'datocms-react-ui';
import { EnvironmentNote, type RunEnvironment } from './EnvironmentNote';
import { counted, type Noun } from './nouns';
import type { PreviewRow } from './previewModel';
import s from './bulk.module.css';

const ROW_HEIGHT = 32;
const LABEL = { change: 'Will change', noop: 'No change', blocked: 'Blocked' } as const;

/** A virtualized list of predictions: stays responsive with tens of thousands of rows. */
export function PredictionList({ rows, noun }: { rows: readonly PreviewRow[]; noun: Noun }) {
  const parent = useRef<HTMLDivElement>(null);
  // The virtualizer re-renders this list on scroll by design; nothing downstream is memoized.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  return (
    <div
      ref={parent}
      className={s.list}
      role="list"
      aria-label={`Predicted outcome per ${noun.one}`}
      tabIndex={0}
      data-testid="bulk-preview-list"
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((v) => {
          const row = rows[v.index]!;
          return (
            <div
              key={row.id}
              role="listitem"
              className={s.row}
              data-testid="bulk-preview-row"
              data-outcome={row.outcome}
              data-id={row.id}
              style={{ top: v.start, height: ROW_HEIGHT }}
            >
              <span className={s.name}>{row.name}</span>
              <span className={s.outcome}>
                {row.sentAnyway ? 'Sent, will fail' : LABEL[row.outcome]}
              </span>
              <span className={s.reason}>{row.reason}</span>
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** Step 2: the dry run. Nothing has been sent yet. */
export function PreviewStep(props: {
  noun: Noun;
  rows: readonly PreviewRow[];
  counts: { change: number; noop: number; blocked: number };
  leftOutNote: string | null;
  /** Blocked items that are sent anyway (they are expected to fail until fixed). */
  sendAnywayNote?: string | null;
  /** What the run applies, such as the tags it adds. */
  inputSummary?: string | null;
  runCount: number;
  destructive: boolean;
  environment: RunEnvironment;
  /** Choices that change the run (e.g. add the unpublished parents). */
  options?: ReactNode;
  /** What DatoCMS also changes (records linking to the run's records). */
  sideEffects?: ReactNode;
  onBack: () => void;
  onNext: () => void;
  busy: boolean;
  error: string | null;
}) {
  const { counts } = props;
  return (
    <section className={s.step} aria-labelledby="bulk-step-title" data-testid="bulk-step-preview">
      <h2 id="bulk-step-title" className={s.title}>
        Preview
      </h2>
      <ul className={s.counts} aria-label="Predicted outcomes" data-testid="bulk-preview-counts">
        <li data-testid="bulk-preview-change">{counts.change} will change</li>
        <li data-testid="bulk-preview-noop">{counts.noop} no change</li>
        <li data-testid="bulk-preview-blocked">{counts.blocked} blocked</li>
      </ul>
      {props.leftOutNote && (
        <p className={s.notice} data-testid="bulk-left-out">
          {props.leftOutNote}
        </p>
      )}
      {props.sendAnywayNote && (
        <p className={s.notice} data-testid="bulk-send-anyway">
          {props.sendAnywayNote}
        </p>
      )}
      {props.inputSummary && (
        <p className={s.hint} data-testid="bulk-preview-input">
          {props.inputSummary}
        </p>
      )}
      {props.options}
      {props.sideEffects}
      <PredictionList rows={props.rows} noun={props.noun} />
      {props.error && (
        <p role="alert" className={s.error} data-testid="bulk-start-error">
          {props.error}
        </p>
      )}
      <EnvironmentNote environment={props.environment} />
      <div className={s.actions}>
        <Button onClick={props.onBack} buttonType="muted" disabled={props.busy}>
          Back
        </Button>
        <Button
          onClick={props.onNext}
          buttonType={props.destructive ? 'negative' : 'primary'}
          disabled={props.runCount === 0 || props.busy}
        >
          {props.destructive ? 'Continue' : `Run on ${counted(props.runCount, props.noun)}`}
        </Button>
      </div>
    </section>
  );
}
