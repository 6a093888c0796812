/** The preview of a record run: the engine's predictions, then what the run depends on beyond each record. */
import type { ContentParts } from '../config/itemPermissions';
import { contentOf, recordPermission } from '../ui/bulk/permissionView';
import {
  checkRecords,
  recordFact,
  type InclusionKind,
  type RecordFact,
} from '../ui/bulk/recordChecks';
import { linkFieldKeys } from '../ui/bulk/recordModel';
import { recordPreviewModel, type RecordPreviewBase } from '../ui/bulk/recordPreview';
import type { PreviewStepState, RecordPreviewContext } from './bulkFlowTypes';

export async function previewRecords(
  c: RecordPreviewContext,
  ids: readonly string[],
  opInput: unknown,
): Promise<PreviewStepState> {
  const m = c.model;
  const links = linkFieldKeys(m);
  const scopeFacts = new Map<string, RecordFact>();
  const content = new Map<string, ContentParts>();
  const preview = await c.port.preview(c.action.id, opInput, ids, (e) => {
    scopeFacts.set(e.id, recordFact(e, links));
    content.set(e.id, contentOf(e, m));
  });
  const context = await c.port.recordContext(c.action.id, m, scopeFacts);
  const stageId = c.input.kind === 'stage' ? c.input.stageId : undefined;
  const permission = recordPermission({
    role: c.role,
    actionId: c.action.id,
    environment: c.environment,
    actor: c.actor,
    model: m,
    content,
    ...(stageId !== undefined ? { toStage: stageId } : {}),
  });
  const draft: RecordPreviewBase = {
    actionId: c.action.id,
    ids,
    predictions: preview.predictions,
    facts: context.facts,
    offeredPredictions: new Map(),
    ...(permission ? { permission } : {}),
    ...(context.children ? { children: context.children } : {}),
    ...(context.references ? { references: context.references } : {}),
    ...(stageId !== undefined
      ? { stageId, stageNames: new Map(m.stages.map((st) => [st.id, st.name])) }
      : {}),
  };
  const offered = checkRecords({ ...draft, include: new Set() }).offered.flatMap((o) => o.ids);
  const base: RecordPreviewBase =
    offered.length > 0
      ? {
          ...draft,
          offeredPredictions: (await c.port.preview(c.action.id, opInput, offered)).predictions,
        }
      : draft;
  return withInclusions(base, new Set(), c.sendAnyway);
}

/** The preview again with other inclusions switched on (nothing is read again). */
export function withInclusions(
  base: RecordPreviewBase,
  include: ReadonlySet<InclusionKind>,
  sendAnyway: ReadonlySet<string>,
): PreviewStepState {
  const next = recordPreviewModel(base, include, sendAnyway);
  return {
    name: 'preview',
    model: next.model,
    records: { base, include, offered: next.offered, sideEffects: next.sideEffects },
  };
}
