import { useState } from 'react';
import { Button } from 'datocms-react-ui';
import { phraseMatches } from './confirm';
import { EnvironmentNote, type RunEnvironment } from './EnvironmentNote';
import { counted, type Noun } from './nouns';
import s from './bulk.module.css';

/** Step 3: destructive runs ask for a typed phrase ("delete 347 assets"). */
export function ConfirmStep(props: {
  noun: Noun;
  count: number;
  phrase: string | null;
  leftOut: number;
  onBack: () => void;
  onConfirm: () => void;
  busy: boolean;
  error: string | null;
  /** Downloads what is about to be deleted (assets' metadata, records' content). */
  onExportMetadata: (format: 'csv' | 'json') => Promise<void>;
  /** What the export holds, e.g. "the assets' metadata (filename, URL, tags…)". */
  exportWhat: string;
  /** The formats offered. */
  exportFormats: readonly ('csv' | 'json')[];
  environment: RunEnvironment;
}) {
  const [typed, setTyped] = useState('');
  const [exporting, setExporting] = useState<'idle' | 'busy' | 'failed'>('idle');
  const exportAs = (format: 'csv' | 'json') => {
    setExporting('busy');
    props.onExportMetadata(format).then(
      () => setExporting('idle'),
      () => setExporting('failed'),
    );
  };
  const ok = props.phrase === null || phraseMatches(typed, props.phrase);
  return (
    <section className={s.step} aria-labelledby="bulk-step-title" data-testid="bulk-step-confirm">
      <h2 id="bulk-step-title" className={s.title}>
        Confirm
      </h2>
      <p>
        <strong>{props.count}</strong> {props.count === 1 ? props.noun.one : props.noun.many} will
        be deleted permanently. This cannot be undone.
        {props.leftOut > 0 && ` ${props.leftOut} left out (see the preview).`}
      </p>
      <div className={s.field}>
        <p id="bulk-export-hint">Keep a copy of what is deleted: {props.exportWhat} as a file.</p>
        <div className={s.actions}>
          {props.exportFormats.map((format) => (
            <Button
              key={format}
              onClick={() => exportAs(format)}
              disabled={exporting === 'busy'}
              aria-describedby="bulk-export-hint"
            >
              {`Export ${props.noun.many === 'assets' ? 'metadata' : props.noun.many} (${format.toUpperCase()})`}
            </Button>
          ))}
        </div>
        {exporting === 'failed' && (
          <p role="alert" className={s.error}>
            The export could not be read; nothing was deleted. Try again.
          </p>
        )}
      </div>
      {props.phrase !== null && (
        <div className={s.field}>
          <label htmlFor="bulk-confirm-phrase">
            Type <strong>{props.phrase}</strong> to confirm
          </label>
          <input
            id="bulk-confirm-phrase"
            data-testid="bulk-confirm-phrase"
            autoComplete="off"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
          />
        </div>
      )}
      <EnvironmentNote environment={props.environment} />
      {props.error && (
        <p role="alert" className={s.error} data-testid="bulk-start-error">
          {props.error}
        </p>
      )}
      <div className={s.actions}>
        <Button onClick={props.onBack} buttonType="muted" disabled={props.busy}>
          Back
        </Button>
        <Button onClick={props.onConfirm} buttonType="negative" disabled={!ok || props.busy}>
          {`Delete ${counted(props.count, props.noun)}`}
        </Button>
      </div>
    </section>
  );
}
