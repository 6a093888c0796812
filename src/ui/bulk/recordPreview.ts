/** The preview of a record run: the engine's predictions, corrected by the record checks. */
import type { Prediction } from '../../operations/types';
import { buildPreview, type PreviewModel } from './previewModel';
import {
  checkRecords,
  type Inclusion,
  type InclusionKind,
  type RecordCheckInput,
  type RecordFact,
} from './recordChecks';

export type RecordPreviewBase = {
  readonly actionId: string;
  readonly ids: readonly string[];
  readonly predictions: ReadonlyMap<string, Prediction>;
  readonly facts: ReadonlyMap<string, RecordFact>;
  readonly children?: ReadonlyMap<string, readonly string[]>;
  readonly referrers?: ReadonlyMap<string, readonly string[]>;
  readonly stageId?: string;
  readonly stageNames?: ReadonlyMap<string, string>;
  readonly canMove?: (from: string | null, to: string) => boolean;
  /** The engine's predictions for the records that may be added (parents, links, children). */
  readonly offeredPredictions: ReadonlyMap<string, Prediction>;
};

/** What the checks need from the base, for the inclusions switched on. */
export function checkInput(
  base: RecordPreviewBase,
  include: ReadonlySet<InclusionKind>,
): RecordCheckInput {
  return {
    actionId: base.actionId,
    ids: base.ids,
    facts: base.facts,
    include,
    ...(base.children ? { children: base.children } : {}),
    ...(base.referrers ? { referrers: base.referrers } : {}),
    ...(base.stageId !== undefined ? { stageId: base.stageId } : {}),
    ...(base.stageNames ? { stageNames: base.stageNames } : {}),
    ...(base.canMove ? { canMove: base.canMove } : {}),
  };
}

export function recordPreviewModel(
  base: RecordPreviewBase,
  include: ReadonlySet<InclusionKind>,
  sendAnyway?: ReadonlySet<string>,
): { model: PreviewModel; offered: readonly Inclusion[] } {
  const check = checkRecords(checkInput(base, include));
  const predictions = new Map(base.predictions);
  for (const [id, p] of base.offeredPredictions) if (!predictions.has(id)) predictions.set(id, p);
  for (const [id, p] of check.overrides) {
    // The engine's own blocks (no permission, gone…) stay: they come first.
    if (predictions.get(id)?.outcome !== 'blocked') predictions.set(id, p);
  }
  const names = new Map([...base.facts].map(([id, f]) => [id, f.name]));
  const model = buildPreview(
    check.runOrder,
    predictions,
    names,
    new Set(),
    sendAnyway,
    check.notes,
  );
  return { model, offered: check.offered };
}
