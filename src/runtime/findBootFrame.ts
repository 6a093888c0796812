import type { RunChannel } from './channel';

export const NO_BOOT_FRAME_MESSAGE = 'No open DatoCMS tab answered: reload the page and try again.';

/**
 * Asks `hello` and resolves with the first live boot frame that answers. Frames other than the
 * boot frame (sidebar panels, modals opened from them) do not know their tab's bootId; any live
 * boot frame of the project environment can execute a run from the shared ledger.
 */
export function findBootFrame(channel: RunChannel, timeoutMs = 3000): Promise<string> {
  return new Promise((resolve, reject) => {
    const stop = channel.subscribe((m) => {
      if (m.kind !== 'active') return;
      clearTimeout(timer);
      stop();
      resolve(m.bootId);
    });
    const timer = setTimeout(() => {
      stop();
      reject(new Error(NO_BOOT_FRAME_MESSAGE));
    }, timeoutMs);
    channel.post({ kind: 'hello' });
  });
}
