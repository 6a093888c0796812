import type { Client } from '@datocms/cma-client-browser';
import { BULK_ACTIONS } from '../actions/catalog';
import { bindList, refs, requestOne, type BindContext } from './binding';
import type { OperationDefinition } from './types';

/** Deletes assets with POST /uploads/bulk/destroy. No inverse: deletion cannot be undone. */
export function createDestroyUploads(ctx: BindContext): OperationDefinition<Record<string, never>> {
  return {
    id: 'uploads.destroy',
    resource: 'uploads',
    requires: BULK_ACTIONS.find((a) => a.id === 'uploads.destroy')!.requires,
    validate: () => ({}),
    preview: () => ({ outcome: 'change' }),
    bind: (client: Client) =>
      bindList(client, {
        resource: 'uploads',
        missingMeansDone: true,
        submit: (ids) =>
          client.uploads.rawBulkDestroy({
            data: {
              type: 'upload_bulk_destroy_operation',
              relationships: { uploads: { data: refs('upload', ids) as never } },
            },
          }),
        isDone: () => false,
        applyOne: async (id) => {
          await requestOne(client, ctx, { method: 'DELETE', url: `/uploads/${id}` });
        },
      }),
  };
}
