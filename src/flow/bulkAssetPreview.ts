/**
 * The preview of an asset run: the engine's predictions, corrected by the role's rules per asset
 * (its collection and the ones above it, its creator) and by the assets records still use.
 */
import type { RawEntity } from '../cma/fetchByIds';
import { assetInfo, type CollectionOption } from '../ui/bulk/entityInfo';
import { uploadPermission } from '../ui/bulk/permissionView';
import { IN_USE_ALLOWED_NOTE, buildPreview } from '../ui/bulk/previewModel';
import type { PreviewContext, PreviewStepState } from './bulkFlowTypes';

export async function previewAssets(
  c: PreviewContext & {
    /** The project's collections, for the rules' messages (empty while they load). */
    readonly collections: readonly CollectionOption[];
    readonly allowDeletingInUseAssets: boolean;
    readonly checksAssetsInUse: boolean;
  },
  ids: readonly string[],
  opInput: unknown,
): Promise<PreviewStepState> {
  const names = new Map<string, string>();
  const entities: RawEntity[] = [];
  const [preview, inUse, parents] = await Promise.all([
    c.port.preview(c.action.id, opInput, ids, (e) => {
      names.set(e.id, assetInfo(e).name);
      entities.push(e);
    }),
    c.checksAssetsInUse ? c.port.inUse(ids) : Promise.resolve(new Set<string>()),
    c.port.collectionParents(),
  ]);
  const permit = uploadPermission({
    role: c.role,
    actionId: c.action.id,
    environment: c.environment,
    actor: c.actor,
    parents,
    collectionNames: new Map(c.collections.map((o) => [o.id, o.label])),
    ...(c.input.kind === 'collection' ? { targetCollection: c.input.collectionId } : {}),
  });
  const predictions = new Map(preview.predictions);
  const notes = new Map<string, string>();
  if (permit)
    for (const e of entities) {
      // Blocked already, or nothing to change (already tagged…): the rules do not matter.
      if (predictions.get(e.id)?.outcome !== 'change') continue;
      const verdict = permit(e);
      if (verdict.kind === 'denied')
        predictions.set(e.id, {
          outcome: 'blocked',
          code: 'INSUFFICIENT_PERMISSIONS',
          reason: verdict.reason,
        });
      else if (verdict.kind === 'unknown') notes.set(e.id, verdict.reason);
    }
  const allowed = c.allowDeletingInUseAssets;
  if (allowed)
    for (const id of inUse)
      notes.set(id, [IN_USE_ALLOWED_NOTE, notes.get(id)].filter(Boolean).join(' '));
  return {
    name: 'preview',
    model: buildPreview(ids, predictions, names, allowed ? new Set() : inUse, c.sendAnyway, notes),
    ...(allowed && inUse.size > 0 ? { inUseDeleted: inUse.size } : {}),
  };
}
