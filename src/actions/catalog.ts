/**
 * The plugin's bulk actions as the boot frame sees them: the metas of the operation registry.
 * It is imported by the boot frame, so it reaches plain data only: no React, no CMA client,
 * no operation logic (the registry loads those lazily).
 */
import type { OperationMeta } from '../operations/shared/meta';
import { OPERATIONS } from '../operations/registry';

export type ActionSurface = 'uploads' | 'items';

/** What the role must be allowed to do for the action to be offered. */
export type RequiredPermission =
  | { kind: 'upload'; action: 'update' | 'delete' | 'move' }
  | { kind: 'item'; action: 'publish' | 'delete' | 'move_to_stage' }
  | { kind: 'site'; flag: 'can_manage_upload_collections' };

/** Every action id, derived from the operation metas (src/operations/<op>/meta.ts). */
export type BulkActionId = (typeof OPERATIONS)[number]['meta']['id'];

export type BulkActionDefinition = OperationMeta & { readonly id: BulkActionId };

/** The actions in menu order, from the registry's metas (the operations stay lazy). */
export const BULK_ACTIONS: readonly BulkActionDefinition[] = OPERATIONS.map((entry) => entry.meta);

export function findAction(id: string): BulkActionDefinition | undefined {
  return BULK_ACTIONS.find((action) => action.id === id);
}
