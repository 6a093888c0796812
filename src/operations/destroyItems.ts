import type { Client } from '@datocms/cma-client-browser';
import { BULK_ACTIONS } from '../actions/catalog';
import { bindList, refs, requestOne, type BindContext } from './binding';
import type { OperationDefinition } from './types';

/** Deletes records with POST /items/bulk/destroy (≤200 per call). No inverse. */
export function createDestroyItems(ctx: BindContext): OperationDefinition<Record<string, never>> {
  return {
    id: 'items.destroy',
    resource: 'items',
    requires: BULK_ACTIONS.find((a) => a.id === 'items.destroy')!.requires,
    validate: () => ({}),
    preview: () => ({ outcome: 'change' }),
    bind: (client: Client) =>
      bindList(client, {
        resource: 'items',
        missingMeansDone: true,
        submit: (ids) =>
          client.items.rawBulkDestroy({
            data: {
              type: 'item_bulk_destroy_operation',
              relationships: { items: { data: refs('item', ids) as never } },
            },
          }),
        isDone: () => false,
        applyOne: async (id) => {
          await requestOne(client, ctx, { method: 'DELETE', url: `/items/${id}` });
        },
      }),
  };
}
