/** The preview of a record run: the engine's predictions, corrected by the record checks. */
import type { Prediction } from '../../operations/shared/types';
import { buildPreview, type PreviewModel } from './previewModel';
import {
  checkRecords,
  effectsWithout,
  type Inclusion,
  type InclusionKind,
  type RecordCheckInput,
  type SideEffect,
} from './recordChecks';

/** The record checks' input without the inclusions, plus the engine's predictions. */
export type RecordPreviewBase = Omit<RecordCheckInput, 'include'> & {
  readonly predictions: ReadonlyMap<string, Prediction>;
  /** The engine's predictions for the records that may be added (parents, links, children). */
  readonly offeredPredictions: ReadonlyMap<string, Prediction>;
};

export function recordPreviewModel(
  base: RecordPreviewBase,
  include: ReadonlySet<InclusionKind>,
  sendAnyway?: ReadonlySet<string>,
): { model: PreviewModel; offered: readonly Inclusion[]; sideEffects: readonly SideEffect[] } {
  const check = checkRecords({ ...base, include });
  const predictions = new Map(base.predictions);
  for (const [id, p] of base.offeredPredictions) if (!predictions.has(id)) predictions.set(id, p);
  for (const [id, p] of check.overrides) {
    const engine = predictions.get(id)?.outcome;
    // The engine's own blocks (gone, no permission for the model…) stay: they come first. A
    // record already in the wanted state changes nothing, so the role's rules do not block it.
    if (engine === 'blocked') continue;
    if (engine === 'noop' && p.outcome === 'blocked' && p.code === 'INSUFFICIENT_PERMISSIONS')
      continue;
    predictions.set(id, p);
  }
  // What DatoCMS does to records linking to blocked records does not happen: they stay out.
  const blocked = new Set(
    [...predictions].filter(([, p]) => p.outcome === 'blocked').map(([id]) => id),
  );
  const names = new Map([...base.facts].map(([id, f]) => [id, f.name]));
  const model = buildPreview(
    check.runOrder,
    predictions,
    names,
    new Set(),
    sendAnyway,
    check.notes,
  );
  const sentAnyway = new Set(model.rows.filter((r) => r.sentAnyway).map((r) => r.id));
  for (const id of sentAnyway) blocked.delete(id);
  return { model, offered: check.offered, sideEffects: effectsWithout(check.sideEffects, blocked) };
}
