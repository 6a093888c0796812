/**
 * Boot-path half of the run runtime: listens on the run channel in the hidden boot frame and
 * loads the runner (engine + CMA client) only when a run is started. Keep it tiny.
 */
import type { RunChannel } from './channel';
import type { ActiveRunSummary, RunStartSettings } from './messages';
import { messageOf } from '../engine/messageOf';

/** What the boot host needs of the lazily loaded runner. */
export type Runner = {
  start(runId: string, settings: RunStartSettings): Promise<void>;
  cancel(runId: string): void;
  active(): ActiveRunSummary[];
};

export type BootHostOptions = {
  readonly channel: RunChannel;
  /** Identifies this boot frame (one per tab); modals opened from it put it in `start`. */
  readonly bootId: string;
  readonly loadRunner: () => Promise<Runner>;
};

export function installBootHost({ channel, bootId, loadRunner }: BootHostOptions): () => void {
  let runner: Promise<Runner> | undefined;
  const getRunner = () => {
    // A failed load (e.g. a network blip fetching the chunk) may be tried again by the next start.
    runner ??= loadRunner().catch((error: unknown) => {
      runner = undefined;
      throw error;
    });
    return runner;
  };

  return channel.subscribe((message) => {
    switch (message.kind) {
      case 'start':
        if (message.bootId !== bootId) return;
        getRunner()
          .then((r) => r.start(message.runId, message.settings))
          .catch((error: unknown) =>
            channel.post({ kind: 'rejected', runId: message.runId, reason: messageOf(error) }),
          );
        return;
      case 'cancel':
        void runner?.then((r) => r.cancel(message.runId));
        return;
      case 'hello':
        if (!runner) channel.post({ kind: 'active', bootId, runs: [] });
        else void runner.then((r) => channel.post({ kind: 'active', bootId, runs: r.active() }));
        return;
      default:
        return;
    }
  });
}
