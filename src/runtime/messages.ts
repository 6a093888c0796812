import type { BulkActionId } from '../actions/catalog';
import type { EngineEvent } from '../engine/events';
import type { RunCounts, RunStatus } from '../engine/runState';

/** Settings the boot frame runs with (from the plugin parameters at confirm time). */
export type RunStartSettings = {
  readonly chunkSize?: number;
  readonly jobsInFlight?: number;
};

/** What frames may learn about a run in progress without reading the ledger. */
export type ActiveRunSummary = {
  readonly runId: string;
  readonly operationId: BulkActionId;
  readonly status: RunStatus;
  readonly total: number;
  readonly counts: RunCounts;
};

/**
 * Messages between the plugin's frames. Runs execute in the hidden boot frame, which outlives
 * modals and navigation; the others start, cancel and watch them.
 * - `start` names the boot frame (`bootId`): every tab of the project hears the channel, and
 *   only the tab that opened the modal may run it.
 * - `event` re-broadcasts the engine's events, so any frame (modal, sidebar panel) can follow.
 * They travel sealed on the scope's channel (channel.ts): only frames holding the user's token for
 * this site, environment and installation can send or read them.
 */
export type RunMessage =
  | {
      readonly kind: 'start';
      readonly bootId: string;
      readonly runId: string;
      readonly settings: RunStartSettings;
    }
  | { readonly kind: 'cancel'; readonly runId: string }
  | { readonly kind: 'event'; readonly runId: string; readonly event: EngineEvent }
  | { readonly kind: 'rejected'; readonly runId: string; readonly reason: string }
  | { readonly kind: 'hello' }
  | {
      readonly kind: 'active';
      readonly bootId: string;
      readonly runs: readonly ActiveRunSummary[];
    };
