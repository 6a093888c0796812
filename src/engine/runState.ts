import type { BulkActionId } from '../actions/catalog';
import { emptyCounts, type ItemOutcome, type OutcomeCounts } from './outcomes';

/**
 * queued → submitted (POST accepted, job id known) → processing (a poll said "still running")
 * → reconciling (job reported failures; re-reading items) → done.
 */
export type ChunkState = 'queued' | 'submitted' | 'processing' | 'reconciling' | 'done';

export type ChunkRecord = {
  readonly index: number;
  /** Slice [start, end) of the run's frozen ids. */
  readonly start: number;
  readonly end: number;
  state: ChunkState;
  jobId?: string;
  submitAttempts: number;
  polls: number;
  submittedAt?: number;
  finishedAt?: number;
  counts?: { successful: number; failed: number };
  /** Outcome of every id of the chunk not in `exceptions`; set when the chunk is done. */
  outcome?: ItemOutcome;
  /** Per-id outcomes that differ from `outcome` (failures found by reconciliation). */
  exceptions?: Record<string, ItemOutcome>;
  /** Done, but the outcome could not be established (token rejected): Resume re-checks it. */
  unresolved?: boolean;
  /**
   * Ids left out right before the chunk was sent: the operation's guard said so (skipped), or
   * could not check them (failed). Never sent; they end with this outcome. Stored before the
   * submit, so a resumed job is never taken to cover them.
   */
  leftOut?: Record<string, ItemOutcome>;
};

export type RunStatus = 'running' | 'cancelling' | 'cancelled' | 'done' | 'interrupted';

/** The serialisable state of a run: exactly what the ledger stores (never the token). */
export type RunRecord = {
  readonly id: string;
  readonly operationId: BulkActionId;
  readonly input: unknown;
  readonly createdAt: number;
  updatedAt: number;
  status: RunStatus;
  readonly chunkSize: number;
  /** Total ids in the run: frozen ids plus ids skipped at resolution. */
  readonly total: number;
  chunks: ChunkRecord[];
  /** Ids dropped while resolving the selection (they no longer exist), with their outcome. */
  readonly skippedAtResolution: Record<string, ItemOutcome>;
  /** Operation-specific state before the run, per id, for Undo (e.g. previous collection). */
  before?: Record<string, unknown>;
  readonly retryOf?: string;
  readonly undoOf?: string;
  startedAt?: number;
  finishedAt?: number;
  /** Why the run stopped early (token rejected, …). */
  error?: string;
};

export function planChunks(idCount: number, chunkSize: number): ChunkRecord[] {
  const chunks: ChunkRecord[] = [];
  for (let start = 0, index = 0; start < idCount; start += chunkSize, index++) {
    chunks.push({
      index,
      start,
      end: Math.min(idCount, start + chunkSize),
      state: 'queued',
      submitAttempts: 0,
      polls: 0,
    });
  }
  return chunks;
}

/** The final outcome of one id of a chunk; undefined while the chunk is not done. */
export function chunkOutcomeOf(chunk: ChunkRecord, id: string): ItemOutcome | undefined {
  return chunk.exceptions?.[id] ?? chunk.outcome;
}

/** Walks every id with its outcome (undefined while still in progress). */
export function* eachOutcome(
  run: RunRecord,
  ids: readonly string[],
): Generator<[string, ItemOutcome | undefined]> {
  for (const [id, outcome] of Object.entries(run.skippedAtResolution)) yield [id, outcome];
  for (const chunk of run.chunks) {
    for (let i = chunk.start; i < chunk.end; i++) {
      const id = ids[i]!;
      yield [id, chunk.state === 'done' ? chunkOutcomeOf(chunk, id) : undefined];
    }
  }
}

export type RunCounts = OutcomeCounts & { pending: number; total: number };

export function countOutcomes(run: RunRecord, ids: readonly string[]): RunCounts {
  const counts = { ...emptyCounts(), pending: 0, total: run.total };
  for (const [, outcome] of eachOutcome(run, ids)) {
    if (outcome) counts[outcome.state]++;
    else counts.pending++;
  }
  return counts;
}
