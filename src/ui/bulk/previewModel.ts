/** Turns the engine's predictions into the preview step's rows, counts and run ids. */
import type { Prediction } from '../../operations/shared/types';

export type PreviewRow = {
  readonly id: string;
  readonly name: string;
  readonly outcome: Prediction['outcome'];
  readonly code: string;
  readonly reason: string;
  /** Blocked, but sent all the same (expected to fail with the API's reason). */
  readonly sentAnyway?: boolean;
};

export type PreviewModel = {
  readonly rows: readonly PreviewRow[];
  readonly counts: { change: number; noop: number; blocked: number };
  /** What is sent: every id not blocked. */
  readonly runIds: readonly string[];
  /** Blocked ids, left out of the run and listed. */
  readonly leftOut: readonly PreviewRow[];
};

export const IN_USE_REASON =
  'Used by records: left out (deleting assets in use is off in the plugin settings).';
/** With the setting on: what deleting an asset in use does to the records using it. */
export const IN_USE_ALLOWED_NOTE =
  'Used by records: deleted anyway (plugin settings); they will show a missing asset.';

export function buildPreview(
  ids: readonly string[],
  predictions: ReadonlyMap<string, Prediction>,
  names: ReadonlyMap<string, string>,
  /** Ids to block because records use them (delete, unless the settings allow it). */
  inUse: ReadonlySet<string> = new Set(),
  /**
   * Blocked codes that stay in the run: the item is expected to fail, with the API's own reason,
   * and "Retry failed" can run it again once it is fixed (e.g. an invalid draft on publish).
   */
  sendAnyway: ReadonlySet<string> = new Set(),
  /** A note for rows that will change or stay (e.g. "Drafting → Approved"). */
  notes: ReadonlyMap<string, string> = new Map(),
): PreviewModel {
  const rows: PreviewRow[] = [];
  const counts = { change: 0, noop: 0, blocked: 0 };
  const runIds: string[] = [];
  const leftOut: PreviewRow[] = [];
  for (const id of ids) {
    let p: Prediction = predictions.get(id) ?? {
      outcome: 'blocked',
      code: 'NOT_FOUND',
      reason: 'It no longer exists.',
    };
    if (p.outcome !== 'blocked' && inUse.has(id))
      p = { outcome: 'blocked', code: 'IN_USE', reason: IN_USE_REASON };
    const code = p.outcome === 'blocked' ? p.code : '';
    const row: PreviewRow = {
      id,
      name: names.get(id) ?? id,
      outcome: p.outcome,
      code,
      reason: p.outcome === 'change' ? (notes.get(id) ?? '') : p.reason,
      ...(p.outcome === 'blocked' && sendAnyway.has(code) ? { sentAnyway: true } : {}),
    };
    rows.push(row);
    counts[p.outcome]++;
    if (p.outcome === 'blocked' && !row.sentAnyway) leftOut.push(row);
    else runIds.push(id);
  }
  // Blocked first, then changes, then no-ops: what needs attention is on top.
  const rank = { blocked: 0, change: 1, noop: 2 } as const;
  rows.sort((a, b) => rank[a.outcome] - rank[b.outcome]);
  return { rows, counts, runIds, leftOut };
}
