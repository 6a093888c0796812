import type { BulkActionId } from '../actions/catalog';

/** What the boot frame passes to the bulk modal; it crosses postMessage, so plain data only. */
export type BulkModalParameters = {
  actionId: BulkActionId;
  /** The ids the editor selected, in selection order. */
  ids: string[];
  /** The collection's model, for record actions; null for Media Area actions. */
  itemTypeId: string | null;
  /** The boot frame that opened the modal: runs confirmed in the modal execute there. */
  bootId: string;
};

/** The modal's parameters as the SDK hands them over, or null when they are not a bulk action's. */
export function readModalParameters(raw: unknown): BulkModalParameters | null {
  const p = raw as Partial<BulkModalParameters> | undefined;
  if (!p || typeof p.actionId !== 'string' || !Array.isArray(p.ids)) return null;
  return {
    actionId: p.actionId,
    ids: p.ids,
    itemTypeId: p.itemTypeId ?? null,
    bootId: typeof p.bootId === 'string' ? p.bootId : '',
  };
}
