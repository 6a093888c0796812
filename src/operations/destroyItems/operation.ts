import { refs, type BindContext } from '../shared/binding';
import { createDestroyList } from '../shared/destroyList';

/** Deletes records with POST /items/bulk/destroy (≤200 per call). No inverse. */
export default (ctx: BindContext) =>
  createDestroyList<Record<string, never>>(ctx, {
    resource: 'items',
    validate: () => ({}),
    submit: (client, ids) =>
      client.items.rawBulkDestroy({
        data: {
          type: 'item_bulk_destroy_operation',
          relationships: { items: { data: refs('item', ids) as never } },
        },
      }),
  });
