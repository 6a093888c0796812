import { useState } from 'react';
import { Button } from 'datocms-react-ui';
import { phraseMatches } from './confirm';
import s from './bulk.module.css';

/** Step 3: destructive runs ask for a typed phrase ("delete 347 assets"). */
export function ConfirmStep(props: {
  count: number;
  phrase: string | null;
  leftOut: number;
  onBack: () => void;
  onConfirm: () => void;
  busy: boolean;
  error: string | null;
  /** Downloads the metadata of the assets about to be deleted. */
  onExportMetadata: (format: 'csv' | 'json') => Promise<void>;
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
        <strong>{props.count}</strong> {props.count === 1 ? 'asset' : 'assets'} will be deleted
        permanently. This cannot be undone.
        {props.leftOut > 0 && ` ${props.leftOut} left out (see the preview).`}
      </p>
      <div className={s.field}>
        <p id="bulk-export-hint">
          Keep a copy of what is deleted: the assets&apos; metadata (filename, URL, tags,
          collection, alt and title…) as a file.
        </p>
        <div className={s.actions}>
          <Button
            onClick={() => exportAs('csv')}
            disabled={exporting === 'busy'}
            aria-describedby="bulk-export-hint"
          >
            Export metadata (CSV)
          </Button>
          <Button
            onClick={() => exportAs('json')}
            disabled={exporting === 'busy'}
            aria-describedby="bulk-export-hint"
          >
            Export metadata (JSON)
          </Button>
        </div>
        {exporting === 'failed' && (
          <p role="alert" className={s.error}>
            The metadata could not be read; nothing was deleted. Try again.
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
          {`Delete ${props.count} ${props.count === 1 ? 'asset' : 'assets'}`}
        </Button>
      </div>
    </section>
  );
}
