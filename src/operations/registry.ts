import { addTagsMeta } from './addTags/meta';
import { clearNotesMeta } from './clearNotes/meta';
import { destroyItemsMeta } from './destroyItems/meta';
import { destroyUploadsMeta } from './destroyUploads/meta';
import { moveItemsToStageMeta } from './moveItemsToStage/meta';
import { moveToCollectionMeta } from './moveToCollection/meta';
import { publishItemsMeta } from './publishItems/meta';
import { removeTagsMeta } from './removeTags/meta';
import { reorderCollectionsMeta } from './reorderCollections/meta';
import { unpublishItemsMeta } from './unpublishItems/meta';
import type { OperationMeta } from './shared/meta';

export type RegistryEntry<M extends OperationMeta = OperationMeta> = {
  /** The operation's folder in src/operations/: its operation.ts is loaded from there. */
  readonly folder: string;
  readonly meta: M;
};

const entry = <M extends OperationMeta>(folder: string, meta: M): RegistryEntry<M> => ({
  folder,
  meta,
});

/**
 * Every operation, once, in menu order. Adding an operation: its folder (meta.ts +
 * operation.ts), one entry here, and the docs. The boot frame imports this list, so it holds
 * metas only; the operation code is loaded from the folder when a run needs it (loadOperation).
 */
export const OPERATIONS = [
  entry('addTags', addTagsMeta),
  entry('removeTags', removeTagsMeta),
  entry('moveToCollection', moveToCollectionMeta),
  entry('clearNotes', clearNotesMeta),
  entry('destroyUploads', destroyUploadsMeta),
  entry('reorderCollections', reorderCollectionsMeta),
  entry('publishItems', publishItemsMeta),
  entry('unpublishItems', unpublishItemsMeta),
  entry('destroyItems', destroyItemsMeta),
  entry('moveItemsToStage', moveItemsToStageMeta),
] as const;

export function findEntry(id: string): RegistryEntry | undefined {
  return OPERATIONS.find((e) => e.meta.id === id);
}
