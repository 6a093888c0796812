/** The services every view reaches through React context. */
import { createContext, useContext } from 'react';
import type { BootFrame } from './boot';
import type { FrameContext } from './bridge';
import type { SimApi } from './simApi';
import type { HostStore } from './store';

export type Host = {
  readonly store: HostStore;
  readonly api: SimApi;
  readonly frames: FrameContext;
  readonly boot: BootFrame;
};

export const HostContext = createContext<Host | null>(null);

export function useHost(): Host {
  const host = useContext(HostContext);
  if (!host) throw new Error('useHost outside <HostContext.Provider>');
  return host;
}
