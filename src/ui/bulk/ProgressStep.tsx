import { useState, useSyncExternalStore } from 'react';
import { Button } from 'datocms-react-ui';
import { chunkSummary, doneCount, formatEta } from './progressView';
import type { RunTracker } from './runTracker';
import s from './bulk.module.css';

/** Step 4: live progress of the run executing in the boot frame. */
export function ProgressStep(props: { tracker: RunTracker; title: string; onClose: () => void }) {
  const view = useSyncExternalStore(props.tracker.subscribe, props.tracker.getSnapshot).combined;
  const done = doneCount(view.counts);
  const pct = view.total > 0 ? Math.round((done / view.total) * 100) : 0;
  const c = view.counts;
  const eta = formatEta(view.etaMs);
  const chunks = chunkSummary(view.chunks);
  const [cancelling, setCancelling] = useState(false);
  return (
    <section className={s.step} aria-labelledby="bulk-step-title" data-testid="bulk-step-progress">
      <h2 id="bulk-step-title" className={s.title}>
        {props.title}
      </h2>
      <div
        className={s.bar}
        role="progressbar"
        aria-label="Run progress"
        aria-valuemin={0}
        aria-valuemax={view.total}
        aria-valuenow={done}
      >
        <div style={{ width: `${pct}%` }} />
      </div>
      <p data-testid="bulk-progress-done" aria-live="polite">
        {done} / {view.total} done{eta && !view.ended ? ` · ${eta} left` : ''}
      </p>
      <ul className={s.counts} aria-label="Outcomes so far" data-testid="bulk-progress-counts">
        <li>{c?.succeeded ?? 0} succeeded</li>
        <li>{c?.failed ?? 0} failed</li>
        <li>{c?.skipped ?? 0} skipped</li>
        {(c?.not_run ?? 0) > 0 && <li>{c?.not_run} not run</li>}
      </ul>
      <p className={s.hint} data-testid="bulk-progress-chunks">
        Chunks: {chunks.queued} queued, {chunks.submitted} submitted, {chunks.processing}{' '}
        processing, {chunks.reconciling} reconciling, {chunks.done} done
      </p>
      <ul className={s.chunkStates} aria-hidden="true">
        {view.chunks.map((state, i) => (
          <li key={i} data-state={state} title={`Chunk ${i + 1}: ${state}`} />
        ))}
      </ul>
      {view.throttledUntil !== null && (
        <p className={s.notice} role="status" data-testid="bulk-throttled">
          The API rate limit was reached: requests are paused for a moment and will resume on their
          own.
        </p>
      )}
      {view.retrying && <p className={s.hint}>{view.retrying}</p>}
      {view.error && (
        <p role="alert" className={s.error}>
          The run stopped: {view.error}
        </p>
      )}
      {!view.ended && (
        <p className={s.hint}>
          You can close this window: the run keeps going, and a notification tells you when it ends.
          Cancel stops new submissions; chunks already submitted to DatoCMS cannot be stopped and
          finish on their own.
        </p>
      )}
      <div className={s.actions}>
        <Button onClick={props.onClose} buttonType="muted">
          {view.ended ? 'Close' : 'Close (the run continues)'}
        </Button>
        {!view.ended && (
          <Button
            onClick={() => {
              setCancelling(true);
              props.tracker.cancel();
            }}
            buttonType="negative"
            disabled={cancelling}
          >
            {cancelling ? 'Cancelling…' : 'Cancel run'}
          </Button>
        )}
      </div>
    </section>
  );
}
