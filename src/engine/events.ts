import type { ItemOutcome } from './outcomes';
import type { ChunkState, RunCounts, RunStatus } from './runState';

/** What the UI renders. Emitted in order; `progress` follows every change of counts. */
export type EngineEvent =
  | { type: 'planned'; runId: string; total: number; chunks: number; skipped: number }
  | { type: 'chunk'; index: number; state: ChunkState; jobId?: string; size: number }
  | { type: 'throttled'; until: number }
  | {
      type: 'retrying';
      what: 'submit' | 'poll' | 'item' | 'verify' | 'check';
      delayMs: number;
      reason: string;
    }
  | { type: 'items'; outcomes: readonly (readonly [string, ItemOutcome])[] }
  | { type: 'progress'; counts: RunCounts; etaMs: number | null }
  | { type: 'done'; status: RunStatus; counts: RunCounts }
  | { type: 'cancelled'; counts: RunCounts }
  | { type: 'failed'; error: string; counts: RunCounts };

export type EngineListener = (event: EngineEvent) => void;

/** A tiny typed emitter; listeners that throw never break the run. */
export class EventStream {
  private listeners = new Set<EngineListener>();

  subscribe(listener: EngineListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: EngineEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error('Bulk Actions: an event listener threw', error);
      }
    }
  }
}
