/**
 * Records: list/find, per-record publish/unpublish (synchronous) and destroy (a job, as in the
 * CMA), and the bulk jobs, which take at most 200 records per request.
 */
import type { FastifyInstance } from 'fastify';
import { runEach, type OpContext } from '../domain/context';
import {
  assertItemPermission,
  destroyItem,
  moveToStage,
  publishItem,
  requireItem,
  roleCanOnAnyModel,
  treeDepth,
  unpublishItem,
} from '../domain/items';
import { insufficientPermissions, invalidFormat } from '../errors';
import {
  accepted,
  bulkPayload,
  jobContext,
  opContext,
  readBody,
  relationshipIds,
  requestEnvironment,
  singleJobOutcome,
} from '../http';
import { filterItems, parseVersion } from '../item-filter';
import { paginate, parsePage, type Query } from '../query';
import type { ItemAction } from '../roles';
import type { SchemaName } from '../schema-names';
import { serializeItem } from '../serialize';
import type { Simulator } from '../simulator';
import { validateBody } from '../validation';

export const MAX_BULK_RECORDS = 200;

type IdParams = { Params: { id: string }; Querystring: Query };
type ItemsRelationship = { items: { data: { id: string }[] } };
type BulkBody = { data: { relationships: ItemsRelationship; attributes?: { stage?: string } } };

function isRecursive(query: Query): boolean {
  return query.recursive === 'true' || query.recursive === true;
}

export function registerItemRoutes(app: FastifyInstance, sim: Simulator): void {
  app.get<{ Querystring: Query }>('/items', async (request) => {
    const page = parsePage(request.query, 30, 500);
    const version = parseVersion(request.query.version);
    const { store } = requestEnvironment(request);
    const matching = filterItems(store, request.query);
    return {
      data: paginate(matching, page).map((item) => serializeItem(store, item, version)),
      meta: { total_count: matching.length },
    };
  });

  app.get<IdParams>('/items/:id', async (request) => {
    const version = parseVersion(request.query.version);
    const ctx = opContext(sim, request);
    const item = requireItem(ctx, request.params.id);
    return { data: serializeItem(ctx.store, item, version) };
  });

  app.get<IdParams>('/items/:id/references', async (request) => {
    const { store } = opContext(sim, request);
    requireItem(opContext(sim, request), request.params.id);
    const ids = store.referrersOf(request.params.id);
    return {
      data: ids.flatMap((id) => {
        const item = store.items.get(id);
        return item ? [serializeItem(store, item)] : [];
      }),
    };
  });

  app.put<IdParams>('/items/:id/publish', async (request) => {
    // No body publishes the whole record; a selective body is accepted (one locale here).
    if (request.body !== undefined) validateBody('ItemPublishSchema', readBody(request));
    const ctx = opContext(sim, request);
    const item = publishItem(ctx, request.params.id, isRecursive(request.query));
    return { data: serializeItem(ctx.store, item) };
  });

  app.put<IdParams>('/items/:id/unpublish', async (request) => {
    if (request.body !== undefined) validateBody('ItemUnpublishSchema', readBody(request));
    const ctx = opContext(sim, request);
    const item = unpublishItem(ctx, request.params.id, isRecursive(request.query));
    return { data: serializeItem(ctx.store, item) };
  });

  app.delete<IdParams>('/items/:id', { config: { jobSubmit: true } }, async (request, reply) => {
    const ctx = opContext(sim, request);
    const { id } = request.params;
    assertItemPermission(ctx, requireItem(ctx, id), 'delete');
    const job = sim.submitJob('items.destroy', ctx.environment, 'single', () =>
      singleJobOutcome(() => {
        const runCtx = jobContext(sim, ctx);
        return serializeItem(runCtx.store, destroyItem(runCtx, id));
      }),
    );
    return accepted(request, reply, job);
  });

  const bulk = (
    path: string,
    kind: string,
    schema: SchemaName,
    action: ItemAction,
    order: 'parents-first' | 'children-first' | 'as-sent',
    operation: (ctx: OpContext, id: string, body: BulkBody) => void,
  ): void => {
    app.post(path, { config: { jobSubmit: true } }, async (request, reply) => {
      const body = validateBody<BulkBody>(schema, readBody(request));
      const ids = relationshipIds(body.data.relationships.items.data);
      if (ids.length === 0 || ids.length > MAX_BULK_RECORDS) {
        throw invalidFormat([
          `#/data/relationships/items/data: failed schema #/definitions/item/links/${kind.split('.')[1]}/schema: ` +
            `must contain between 1 and ${MAX_BULK_RECORDS} records (got ${ids.length}).`,
        ]);
      }
      const ctx = opContext(sim, request);
      if (!roleCanOnAnyModel(ctx, action)) throw insufficientPermissions(action, 'item');
      const job = sim.submitJob(kind, ctx.environment, ids.length, () => {
        const runCtx = jobContext(sim, ctx);
        // Tree records: parents are published before children, children removed before parents.
        const ordered =
          order === 'as-sent'
            ? ids
            : [...ids].sort((a, b) => {
                const depth = treeDepth(runCtx, a) - treeDepth(runCtx, b);
                return order === 'parents-first' ? depth : -depth;
              });
        return {
          status: 200,
          payload: bulkPayload(runEach(ordered, (id) => operation(runCtx, id, body))),
        };
      });
      return accepted(request, reply, job);
    });
  };

  bulk(
    '/items/bulk/publish',
    'items.bulk_publish',
    'ItemBulkPublishSchema',
    'publish',
    'parents-first',
    (ctx, id) => void publishItem(ctx, id, false),
  );
  bulk(
    '/items/bulk/unpublish',
    'items.bulk_unpublish',
    'ItemBulkUnpublishSchema',
    'publish',
    'children-first',
    (ctx, id) => void unpublishItem(ctx, id, false),
  );
  bulk(
    '/items/bulk/destroy',
    'items.bulk_destroy',
    'ItemBulkDestroySchema',
    'delete',
    'children-first',
    (ctx, id) => void destroyItem(ctx, id),
  );
  bulk(
    '/items/bulk/move-to-stage',
    'items.bulk_move_to_stage',
    'ItemBulkMoveToStageSchema',
    'move_to_stage',
    'as-sent',
    (ctx, id, body) => void moveToStage(ctx, id, body.data.attributes?.stage ?? ''),
  );
}
