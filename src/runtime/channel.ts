import type { RunMessage } from './messages';

export type RunChannel = {
  post(message: RunMessage): void;
  /** Messages from the other frames (BroadcastChannel never echoes to its sender). */
  subscribe(listener: (message: RunMessage) => void): () => void;
  close(): void;
};

/** A BroadcastChannel between the plugin's frames; they all share the plugin's origin. */
export function openRunChannel(name: string): RunChannel {
  const channel = new BroadcastChannel(name);
  const listeners = new Set<(message: RunMessage) => void>();
  channel.onmessage = (event: MessageEvent<RunMessage>) => {
    for (const listener of listeners) listener(event.data);
  };
  return {
    post: (message) => channel.postMessage(message),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => channel.close(),
  };
}
