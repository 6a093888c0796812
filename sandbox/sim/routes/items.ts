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
import { insufficientPermissions, invalidField, invalidFormat } from '../errors';
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
import { filterBlocks, filterItems, parseVersion } from '../item-filter';
import { planUpgradeRequired } from './schema';
import { paginate, parsePage, type Query } from '../query';
import type { RawApiTypes } from '@datocms/cma-client-browser';
import type { ContentScope, ItemAction } from '../permissions';
import type { SchemaName } from '../schema-names';
import { serializeBlock, serializeItem } from '../serialize';
import type { Simulator } from '../simulator';
import { validateBody } from '../validation';

export const MAX_BULK_RECORDS = 200;

type IdParams = { Params: { id: string }; Querystring: Query };
type ItemsRelationship = { items: { data: { id: string }[] } };
type BulkBody = { data: { relationships: ItemsRelationship; attributes?: { stage?: string } } };

function isRecursive(query: Query): boolean {
  return isTrue(query.recursive);
}

/** The scopes of a selective (un)publish; locales must be site locales (INVALID_LOCALES). */
function selectiveScopes(
  ctx: OpContext,
  locales: readonly string[],
  nonLocalized: boolean,
): ContentScope[] {
  const unknown = locales.filter((locale) => !ctx.store.locales.includes(locale));
  if (unknown.length > 0) {
    throw invalidField('content_in_locales', 'INVALID_LOCALES', { locales: unknown });
  }
  return [
    ...(nonLocalized ? [{ kind: 'not_localized' as const }] : []),
    ...locales.map((locale) => ({ kind: 'localized' as const, locale })),
  ];
}

export function isTrue(value: unknown): boolean {
  return value === 'true' || value === true;
}

/**
 * `version` of the references endpoints (RawApiTypes ItemReferencesHrefSchema): "current,
 * published or both"; left out → both (unverified).
 */
export function referencesVersion(
  raw: unknown,
): 'current' | 'published' | 'published-or-current' | 'both' {
  if (raw === undefined || raw === '' || raw === 'null') return 'both';
  if (raw === 'current' || raw === 'published' || raw === 'published-or-current') return raw;
  throw invalidFormat([
    `#/version: failed schema: ${JSON.stringify(raw)} is not one of current, published, published-or-current`,
  ]);
}

export function registerItemRoutes(app: FastifyInstance, sim: Simulator): void {
  app.get<{ Querystring: Query }>(
    '/items',
    { config: { href: 'ItemInstancesHrefSchema' } },
    async (request) => {
      const nested = isTrue(request.query.nested);
      // "With nested: true … the API caps page size at 30" (agent-skills filtering-and-pagination.md).
      // page[limit]=0 is "the canonical zero-read count" (agent-skills filtering-and-pagination.md).
      const page = parsePage(request.query, 30, nested ? 30 : 500, 0);
      const version = parseVersion(request.query.version);
      const { store } = requestEnvironment(request);
      const matching = [
        ...filterItems(store, request.query, sim.listingOptions(request.simState.seq)).map(
          (item) => ({ item }),
        ),
        ...filterBlocks(store, request.query).map((block) => ({ block })),
      ];
      return {
        data: paginate(matching, page).map((entry) =>
          'item' in entry
            ? serializeItem(store, entry.item, { version, nested })
            : serializeBlock(store, entry.block, nested),
        ),
        meta: { total_count: matching.length },
      };
    },
  );

  app.get<IdParams>('/items/:id', { config: { href: 'ItemSelfHrefSchema' } }, async (request) => {
    const version = parseVersion(request.query.version);
    const ctx = opContext(sim, request);
    // Blocks "cannot be fetched directly" (agent-skills block-records-and-modular-content.md).
    const item = requireItem(ctx, request.params.id);
    return {
      data: serializeItem(ctx.store, item, { version, nested: isTrue(request.query.nested) }),
    };
  });

  app.get<IdParams>(
    '/items/:id/references',
    { config: { href: 'ItemReferencesHrefSchema' } },
    async (request) => {
      const ctx = opContext(sim, request);
      requireItem(ctx, request.params.id);
      const version = referencesVersion(request.query.version);
      const nested = isTrue(request.query.nested);
      const data = ctx.store.referrersOf(request.params.id).flatMap((id) => {
        const referrer = ctx.store.items.get(id);
        if (!referrer) return [];
        const versions =
          version === 'both'
            ? (['current', 'published'] as const)
            : version === 'published-or-current'
              ? ([referrer.publishedAttributes ? 'published' : 'current'] as const)
              : ([version] as const);
        const links = versions.some(
          (v) => ctx.store.linkingFields(referrer, request.params.id, v).length > 0,
        );
        return links ? [serializeItem(ctx.store, referrer, { nested })] : [];
      });
      return { data };
    },
  );

  app.put<IdParams>(
    '/items/:id/publish',
    { config: { href: 'ItemPublishHrefSchema' } },
    async (request) => {
      // No body publishes the whole record. A selective body decides which content scopes the
      // permission check needs; the simulator keeps one publication state per record, so the
      // whole record is published (not simulated per locale).
      const ctx = opContext(sim, request);
      const body =
        request.body === undefined
          ? null
          : validateBody<RawApiTypes.ItemPublishSchema>('ItemPublishSchema', readBody(request));
      const scopes = body?.data
        ? selectiveScopes(
            ctx,
            body.data.attributes.content_in_locales,
            body.data.attributes.non_localized_content,
          )
        : undefined;
      const item = publishItem(ctx, request.params.id, isRecursive(request.query), scopes);
      return { data: serializeItem(ctx.store, item) };
    },
  );

  app.put<IdParams>(
    '/items/:id/unpublish',
    { config: { href: 'ItemUnpublishHrefSchema' } },
    async (request) => {
      const ctx = opContext(sim, request);
      const body =
        request.body === undefined
          ? null
          : validateBody<RawApiTypes.ItemUnpublishSchema>('ItemUnpublishSchema', readBody(request));
      const scopes = body?.data
        ? selectiveScopes(ctx, body.data.attributes.content_in_locales, false)
        : undefined;
      const item = unpublishItem(ctx, request.params.id, isRecursive(request.query), scopes);
      return { data: serializeItem(ctx.store, item) };
    },
  );

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
      if (action === 'move_to_stage' && !ctx.store.workflowsEnabled) throw planUpgradeRequired();
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
