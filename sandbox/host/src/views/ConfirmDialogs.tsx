import { useEffect, useRef } from 'react';
import { useHost } from '../host';
import { useHostState, type ConfirmEntry } from '../store';

function ConfirmView({ entry, depth }: { entry: ConfirmEntry; depth: number }) {
  const { store } = useHost();
  const { options } = entry;
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = `confirm-title-${entry.key}`;
  const contentId = `confirm-content-${entry.key}`;

  useEffect(() => {
    cancelRef.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') store.closeConfirm(entry.key, options.cancel.value);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [store, entry.key, options.cancel.value]);

  return (
    <div className="modal-backdrop" style={{ zIndex: 500 + depth }}>
      <div
        className="modal confirm"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={contentId}
        data-testid="confirm-dialog"
        style={{ width: 'min(480px, calc(100vw - 32px))' }}
      >
        <h2 id={titleId} data-testid="confirm-title">
          {options.title}
        </h2>
        <p id={contentId} data-testid="confirm-content">
          {options.content}
        </p>
        <div className="confirm-actions">
          <button
            ref={cancelRef}
            type="button"
            className="button button--muted"
            data-testid="confirm-cancel"
            onClick={() => store.closeConfirm(entry.key, options.cancel.value)}
          >
            {options.cancel.label}
          </button>
          {options.choices.map((choice, index) => (
            <button
              key={`${choice.label}-${index}`}
              type="button"
              className={`button${choice.intent === 'negative' ? ' button--negative' : ''}`}
              data-testid="confirm-choice"
              data-index={index}
              onClick={() => store.closeConfirm(entry.key, choice.value)}
            >
              {choice.label}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}

/** ctx.openConfirm: a real dialog; resolves with the chosen value or the cancel value. */
export function ConfirmDialogs() {
  const { store } = useHost();
  const confirms = useHostState(store, (s) => s.confirms);
  return (
    <>
      {confirms.map((entry, index) => (
        <ConfirmView key={entry.key} entry={entry} depth={index} />
      ))}
    </>
  );
}
