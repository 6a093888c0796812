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
