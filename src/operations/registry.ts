import type { BulkActionId } from '../actions/catalog';
import { createAddTags } from './addTags';
import type { BindContext } from './binding';
import { createDestroyItems } from './destroyItems';
import { createDestroyUploads } from './destroyUploads';
import { createPublishItems, createUnpublishItems } from './itemStatus';
import { createMoveItemsToStage } from './moveItemsToStage';
import { createMoveToCollection } from './moveToCollection';
import { createRemoveTags } from './removeTags';
import { createReorderCollections } from './reorderCollections';
import type { AnyOperation } from './types';

/** Adding an operation: one module in src/operations/ and one line here. */
const FACTORIES: Record<BulkActionId, (ctx: BindContext) => unknown> = {
  'uploads.addTags': createAddTags,
  'uploads.removeTags': createRemoveTags,
  'uploads.moveToCollection': createMoveToCollection,
  'uploads.destroy': createDestroyUploads,
  'uploadCollections.reorder': createReorderCollections,
  'items.publish': createPublishItems,
  'items.unpublish': createUnpublishItems,
  'items.destroy': createDestroyItems,
  'items.moveToStage': createMoveItemsToStage,
};

export function createOperation(id: BulkActionId, ctx: BindContext): AnyOperation {
  const factory = FACTORIES[id];
  if (!factory) throw new Error(`Unknown operation ${String(id)}`);
  return factory(ctx) as AnyOperation;
}
