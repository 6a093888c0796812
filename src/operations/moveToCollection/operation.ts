import type { Client } from '@datocms/cma-client-browser';
import { bindList, refs, requestOne, type BindContext } from '../shared/binding';
import { relId } from '../../cma/relationships';
import { groupBy } from '../shared/groupBy';
import { InputError, isRecord } from '../shared/inputErrors';
import type { OperationDefinition } from '../shared/types';

/** `collectionId: null` moves assets out of any collection (to the root). */
export type MoveToCollectionInput = { readonly collectionId: string | null };

export default function createMoveToCollection(
  ctx: BindContext,
): OperationDefinition<MoveToCollectionInput> {
  const target = (input: MoveToCollectionInput) =>
    input.collectionId === null
      ? null
      : { type: 'upload_collection' as const, id: input.collectionId };
  return {
    validate: (raw, context) => {
      if (!isRecord(raw) || !('collectionId' in raw))
        throw new InputError('INVALID_INPUT', 'Choose a collection.');
      const id = raw.collectionId;
      if (id === null) return { collectionId: null };
      if (typeof id !== 'string' || id.trim() === '')
        throw new InputError('INVALID_INPUT', 'Choose a collection.');
      if (!context.collectionIds?.has(id))
        throw new InputError('UNKNOWN_COLLECTION', `The collection ${id} does not exist.`);
      return { collectionId: id };
    },
    preview: (entity, input) =>
      relId(entity, 'upload_collection') === input.collectionId
        ? { outcome: 'noop', reason: 'Already in this collection.' }
        : { outcome: 'change' },
    bind: (client: Client, input) =>
      bindList(client, {
        resource: 'uploads',
        submit: (ids) =>
          client.uploads.rawBulkSetUploadCollection({
            data: {
              type: 'upload_bulk_set_upload_collection_operation',
              relationships: {
                upload_collection: { data: target(input) },
                uploads: { data: refs('upload', ids) as never },
              },
            },
          }),
        isDone: (entity) => relId(entity, 'upload_collection') === input.collectionId,
        applyOne: async (id) => {
          await requestOne(client, ctx, {
            method: 'PUT',
            url: `/uploads/${id}`,
            body: {
              data: {
                type: 'upload',
                id,
                relationships: { upload_collection: { data: target(input) } },
              },
            },
          });
        },
      }),
    // Undo moves each asset back to its own previous collection.
    snapshot: (entity) => relId(entity, 'upload_collection') ?? '',
    inverse: (_input, before, succeeded) =>
      [
        ...groupBy(
          succeeded,
          (id) => before[id] as string | undefined,
          (c) => c,
        ).values(),
      ].map((g) => ({
        operationId: 'uploads.moveToCollection',
        input: { collectionId: g.value === '' ? null : g.value },
        ids: g.ids,
      })),
  };
}
