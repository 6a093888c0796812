import { useEffect, useState } from 'react';

export type AsyncState<T> =
  { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; message: string };

/** Runs `load` whenever `key` changes; ignores answers that arrive after a newer request. */
export function useAsync<T>(load: () => Promise<T>, key: string): AsyncState<T> {
  const [state, setState] = useState<{ key: string; value: AsyncState<T> }>({
    key,
    value: { status: 'loading' },
  });
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && setState({ key, value: { status: 'ready', value } }),
      (error: unknown) =>
        live &&
        setState({
          key,
          value: {
            status: 'error',
            message: error instanceof Error ? error.message : String(error),
          },
        }),
    );
    return () => {
      live = false;
    };
    // `key` identifies the request; `load` is a fresh closure on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state.key === key ? state.value : { status: 'loading' };
}
