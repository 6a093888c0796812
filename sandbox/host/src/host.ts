/** The services every view reaches through React context. */
import { createContext, useContext } from 'react';
import type { BootFrame } from './boot';
import type { FrameContext } from './bridge';
import type { PluginConfig } from './config';
import type { SimApi } from './simApi';
import type { HostStore } from './store';

/** An installed plugin: its config, its frames' context and its boot frame. */
export type InstalledPlugin = {
  readonly config: PluginConfig;
  readonly frames: FrameContext;
  readonly boot: BootFrame;
};

export type Host = {
  readonly store: HostStore;
  readonly api: SimApi;
  /** The plugin under test (the first installed plugin). */
  readonly frames: FrameContext;
  readonly boot: BootFrame;
  /** Every installed plugin, the plugin under test first. */
  readonly plugins: readonly InstalledPlugin[];
};

export const HostContext = createContext<Host | null>(null);

export function useHost(): Host {
  const host = useContext(HostContext);
  if (!host) throw new Error('useHost outside <HostContext.Provider>');
  return host;
}
