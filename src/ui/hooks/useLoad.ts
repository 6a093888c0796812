import { useEffect, useState } from 'react';
import { messageOf } from '../../engine/messageOf';
import type { Loadable } from '../../flow/loadable';

/** Reads `load` once per identity (memoize it); null waits. Later answers of a stale load are dropped. */
export function useLoad<T>(load: (() => Promise<T>) | null): Loadable<T> {
  const [state, setState] = useState<Loadable<T>>({ status: 'loading' });
  useEffect(() => {
    if (!load) return;
    let live = true;
    load().then(
      (value) => live && setState({ status: 'ready', value }),
      (error: unknown) => live && setState({ status: 'error', message: messageOf(error) }),
    );
    return () => {
      live = false;
    };
  }, [load]);
  return state;
}
