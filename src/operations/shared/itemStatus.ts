import type { Client } from '@datocms/cma-client-browser';
import type { BulkActionId } from '../../actions/catalog';
import { bindList, refs, requestOne, type BindContext } from './binding';
import { metaString } from '../../cma/relationships';
import type { InverseRun, OperationDefinition } from './types';

export type StatusOperationSpec = {
  readonly kind: 'publish' | 'unpublish';
  /** The operation that reverses this one (unpublish for publish, and back). */
  readonly inverseId: BulkActionId;
};

/**
 * Publish and unpublish: bulk jobs; the per-item PUT /items/:id/publish|unpublish is what
 * reconciliation uses to capture UNPUBLISHED_PARENT, PUBLISHED_CHILDREN, INVALID_DRAFT, ….
 */
export function createStatusOperation(
  ctx: BindContext,
  { kind, inverseId }: StatusOperationSpec,
): OperationDefinition<Record<string, never>> {
  const isDone = (status: string | null) =>
    kind === 'publish' ? status === 'published' : status === 'draft' || status === null;
  return {
    validate: () => ({}),
    preview: (entity) => {
      const status = metaString(entity, 'status');
      if (isDone(status))
        return {
          outcome: 'noop',
          reason: kind === 'publish' ? 'Already published.' : 'Not published.',
        };
      if (kind === 'publish' && entity?.meta?.is_valid === false)
        return {
          outcome: 'blocked',
          code: 'INVALID_DRAFT',
          reason: 'The draft does not pass validation.',
        };
      return { outcome: 'change' };
    },
    bind: (client: Client) =>
      bindList(client, {
        resource: 'items',
        submit: (ids) => {
          const data = refs('item', ids) as never;
          return kind === 'publish'
            ? client.items.rawBulkPublish({
                data: { type: 'item_bulk_publish_operation', relationships: { items: { data } } },
              })
            : client.items.rawBulkUnpublish({
                data: { type: 'item_bulk_unpublish_operation', relationships: { items: { data } } },
              });
        },
        isDone: (entity) => isDone(metaString(entity, 'status')),
        applyOne: async (itemId) => {
          await requestOne(client, ctx, { method: 'PUT', url: `/items/${itemId}/${kind}` });
        },
      }),
    snapshot: (entity) => metaString(entity, 'status') ?? 'draft',
    // Only exact reversals: a record that was "updated" (published with newer draft) cannot get
    // its old published version back by publishing, so it is left out of Undo.
    inverse: (_input, before, succeeded): InverseRun[] => {
      const wanted = kind === 'publish' ? 'draft' : 'published';
      const ids = succeeded.filter((i) => before[i] === wanted);
      return ids.length === 0 ? [] : [{ operationId: inverseId, input: {}, ids }];
    },
  };
}
