/** Folds the engine's events (received over the run channel) into what the progress step shows. */
import type { EngineEvent } from '../../engine/events';
import type { ChunkState, RunCounts } from '../../engine/runState';

export type ProgressView = {
  readonly total: number;
  readonly counts: RunCounts | null;
  readonly chunks: readonly ChunkState[];
  readonly etaMs: number | null;
  /** Epoch ms until which the rate limit holds requests back; null when not throttled. */
  readonly throttledUntil: number | null;
  readonly retrying: string | null;
  readonly ended: null | 'done' | 'cancelled' | 'failed';
  readonly error: string | null;
};

export function initialProgress(total: number, chunks: number): ProgressView {
  return {
    total,
    counts: null,
    chunks: Array.from({ length: chunks }, () => 'queued' as const),
    etaMs: null,
    throttledUntil: null,
    retrying: null,
    ended: null,
    error: null,
  };
}

export function applyEvent(view: ProgressView, event: EngineEvent, now: number): ProgressView {
  switch (event.type) {
    case 'planned':
      return { ...initialProgress(event.total, event.chunks), counts: view.counts };
    case 'chunk': {
      const chunks = [...view.chunks];
      while (chunks.length <= event.index) chunks.push('queued');
      chunks[event.index] = event.state;
      return { ...view, chunks };
    }
    case 'throttled':
      return { ...view, throttledUntil: event.until > now ? event.until : null };
    case 'retrying':
      return { ...view, retrying: `Retrying (${event.what}): ${event.reason}` };
    case 'progress':
      return {
        ...view,
        counts: event.counts,
        total: event.counts.total,
        etaMs: event.etaMs,
        retrying: null,
        throttledUntil:
          view.throttledUntil !== null && view.throttledUntil > now ? view.throttledUntil : null,
      };
    case 'done':
      return { ...view, counts: event.counts, ended: 'done', etaMs: 0, throttledUntil: null };
    case 'cancelled':
      return { ...view, counts: event.counts, ended: 'cancelled', etaMs: 0, throttledUntil: null };
    case 'failed':
      return {
        ...view,
        counts: event.counts,
        ended: 'failed',
        error: event.error,
        throttledUntil: null,
      };
    case 'items':
      return view;
  }
}

export function doneCount(counts: RunCounts | null): number {
  if (!counts) return 0;
  return counts.succeeded + counts.failed + counts.skipped + counts.not_run;
}

/** "about 2 min", "about 40 s", "less than 5 s"; null while unknown. */
export function formatEta(ms: number | null): string | null {
  if (ms === null || !Number.isFinite(ms)) return null;
  if (ms < 5_000) return 'less than 5 s';
  if (ms < 60_000) return `about ${Math.round(ms / 1000)} s`;
  return `about ${Math.round(ms / 60_000)} min`;
}

export function chunkSummary(chunks: readonly ChunkState[]): Record<ChunkState, number> {
  const out: Record<ChunkState, number> = {
    queued: 0,
    submitted: 0,
    processing: 0,
    reconciling: 0,
    done: 0,
  };
  for (const c of chunks) out[c]++;
  return out;
}
