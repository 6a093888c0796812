import { useEffect, useMemo } from 'react';
import { useHost } from '../host';
import { useHostState, type ModalEntry } from '../store';
import { PluginFrame } from './PluginFrame';

/** Pixel widths of the SDK's named modal sizes in this host (the SDK leaves them open). */
export const MODAL_WIDTHS = { s: 480, m: 640, l: 880, xl: 1120 } as const;

function widthOf(width: ModalEntry['modal']['width']): string {
  if (width === 'fullWidth') return 'calc(100vw - 32px)';
  if (typeof width === 'number') return `min(${width}px, calc(100vw - 32px))`;
  return `min(${MODAL_WIDTHS[width ?? 'm']}px, calc(100vw - 32px))`;
}

function ModalView({ entry, depth, isTop }: { entry: ModalEntry; depth: number; isTop: boolean }) {
  const { store, plugins } = useHost();
  const { modal } = entry;
  const frames = plugins.find((p) => p.config.id === entry.pluginId)?.frames;
  const extraProps = useMemo(
    () => ({ modalId: modal.id, parameters: modal.parameters ?? {} }),
    [modal],
  );
  const extraMethods = useMemo(
    () => ({ resolve: (value: unknown) => store.closeModal(entry.key, value) }),
    [store, entry.key],
  );
  const titleId = `modal-title-${entry.key}`;
  const showTitle = modal.width !== 'fullWidth' && !!modal.title;

  useEffect(() => {
    if (!isTop || modal.closeDisabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') store.closeModal(entry.key, null);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [isTop, modal.closeDisabled, store, entry.key]);

  return (
    <div className="modal-backdrop" style={{ zIndex: 100 + depth * 2 }}>
      <div
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby={showTitle ? titleId : undefined}
        aria-label={showTitle ? undefined : `Plugin dialog ${modal.id}`}
        data-testid="modal"
        data-modal-id={modal.id}
        data-width={String(modal.width ?? 'm')}
        data-depth={depth}
        style={{ width: widthOf(modal.width) }}
      >
        {(showTitle || !modal.closeDisabled) && (
          <div className="modal-header">
            {showTitle ? (
              <h2 id={titleId} data-testid="modal-title">
                {modal.title}
              </h2>
            ) : (
              <span />
            )}
            {!modal.closeDisabled && (
              <button
                type="button"
                className="modal-close"
                aria-label="Close"
                data-testid="modal-close"
                onClick={() => store.closeModal(entry.key, null)}
              >
                ×
              </button>
            )}
          </div>
        )}
        {/* Focusable so keyboard users can scroll a plugin taller than the window. */}
        <div className="modal-body" tabIndex={0}>
          <PluginFrame
            mode="renderModal"
            extraProps={extraProps}
            extraMethods={extraMethods}
            bodyPadding={[0, 16, 16, 16]}
            initialHeight={modal.initialHeight}
            title={modal.title ?? `Plugin modal ${modal.id}`}
            testId="modal-frame"
            frames={frames}
          />
        </div>
      </div>
    </div>
  );
}

/** The modal stack: a modal opened from a modal goes on top; each resolves its own openModal. */
export function Modals() {
  const { store } = useHost();
  const modals = useHostState(store, (s) => s.modals);
  return (
    <>
      {modals.map((entry, index) => (
        <ModalView
          key={entry.key}
          entry={entry}
          depth={index}
          isTop={index === modals.length - 1}
        />
      ))}
    </>
  );
}
