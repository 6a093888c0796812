import { useEffect } from 'react';
import { useHost } from '../host';
import { usePath } from '../router';
import { useHostState } from '../store';

/** notice / alert / customToast, rendered as dismissable toasts. */
export function Toasts() {
  const { store } = useHost();
  const toasts = useHostState(store, (s) => s.toasts);
  const path = usePath();

  useEffect(() => {
    for (const toast of store.getState().toasts) {
      if (toast.dismissOnPageChange) store.dismissToast(toast.key, null);
    }
  }, [path, store]);

  return (
    <div className="toasts" data-testid="toasts">
      {toasts.map((toast) => (
        <div
          key={toast.key}
          className={`toast toast--${toast.type}`}
          role={toast.type === 'notice' ? 'status' : 'alert'}
          data-testid="toast"
          data-type={toast.type}
        >
          <span data-testid="toast-message">{toast.message}</span>
          {toast.cta && (
            <button
              type="button"
              className="button"
              data-testid="toast-cta"
              onClick={() => store.dismissToast(toast.key, toast.cta?.value)}
            >
              {toast.cta.label}
            </button>
          )}
          <button
            type="button"
            className="toast-dismiss"
            aria-label="Dismiss"
            data-testid="toast-dismiss"
            onClick={() => store.dismissToast(toast.key, null)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
