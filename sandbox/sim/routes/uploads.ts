/** Assets: list/find, per-asset update (a job, as in the CMA) and destroy, and the bulk jobs. */
import type { RawApiTypes } from '@datocms/cma-client-browser';
import type { FastifyInstance } from 'fastify';
import { runEach } from '../domain/context';
import {
  addTags,
  assertUpdatePermission,
  assertUploadPermission,
  checkCollection,
  checkTags,
  destroyUpload,
  requireUpload,
  setCollection,
  updateUpload,
  type UploadPatch,
} from '../domain/uploads';
import { invalidField, SimError } from '../errors';
import {
  accepted,
  bulkPayload,
  jobContext,
  opContext,
  origin,
  readBody,
  relationshipIds,
  requestEnvironment,
  singleJobOutcome,
} from '../http';
import { paginate, parsePage, type Query } from '../query';
import { serializeItem, serializeUpload } from '../serialize';
import { isTrue, referencesVersion } from './items';
import { walkContent } from '../content';
import type { Store } from '../store';

function usesUpload(
  store: Store,
  itemTypeId: string,
  attributes: Record<string, unknown>,
  uploadId: string,
): boolean {
  let found = false;
  walkContent(store, itemTypeId, attributes, {
    upload: (id) => {
      if (id === uploadId) found = true;
    },
  });
  return found;
}
import type { Simulator } from '../simulator';
import { filterUploads } from '../upload-filter';
import { validateBody } from '../validation';

type IdParams = { Params: { id: string } };

export function registerUploadRoutes(app: FastifyInstance, sim: Simulator): void {
  app.get<{ Querystring: Query }>(
    '/uploads',
    { config: { href: 'UploadInstancesHrefSchema' } },
    async (request) => {
      const page = parsePage(request.query, 30, 500);
      const { store } = requestEnvironment(request);
      const matching = filterUploads(
        store,
        request.query,
        sim.listingOptions(request.simState.seq),
      );
      const base = origin(request);
      return {
        data: paginate(matching, page).map((upload) => serializeUpload(store, upload, base)),
        meta: { total_count: matching.length },
      };
    },
  );

  app.get<IdParams>('/uploads/:id', async (request) => {
    const ctx = opContext(sim, request);
    const upload = requireUpload(ctx, request.params.id);
    return { data: serializeUpload(ctx.store, upload, origin(request)) };
  });

  app.get<{ Params: { id: string }; Querystring: Query }>(
    '/uploads/:id/references',
    { config: { href: 'UploadReferencesHrefSchema' } },
    async (request) => {
      const ctx = opContext(sim, request);
      requireUpload(ctx, request.params.id);
      const version = referencesVersion(request.query.version);
      const nested = isTrue(request.query.nested);
      const data = ctx.store.usedBy(request.params.id).flatMap((id) => {
        const item = ctx.store.items.get(id);
        if (!item) return [];
        const uses = (attributes: Record<string, unknown> | null) =>
          attributes !== null &&
          usesUpload(ctx.store, item.itemTypeId, attributes, request.params.id);
        const current = uses(item.attributes);
        const published = uses(item.publishedAttributes);
        const keep =
          version === 'current'
            ? current
            : version === 'published'
              ? published
              : version === 'published-or-current'
                ? item.publishedAttributes
                  ? published
                  : current
                : current || published;
        return keep ? [serializeItem(ctx.store, item, { nested })] : [];
      });
      return { data };
    },
  );

  // The CMA runs asset updates as jobs; checks that need no state change answer synchronously.
  app.put<IdParams>('/uploads/:id', { config: { jobSubmit: true } }, async (request, reply) => {
    const body = validateBody<RawApiTypes.UploadUpdateSchema>(
      'UploadUpdateSchema',
      readBody(request),
    );
    const ctx = opContext(sim, request);
    const { id } = request.params;
    const upload = requireUpload(ctx, id);
    if (body.data.id !== id) {
      throw invalidField('id', 'VALIDATION_INVALID', { message: 'id does not match the URL' });
    }
    const patch = uploadPatch(body);
    assertUpdatePermission(ctx, upload, patch);
    if (patch.tags) checkTags(patch.tags);
    if (patch.collectionId !== undefined) checkCollection(ctx, patch.collectionId);
    const base = origin(request);
    const job = sim.submitJob('uploads.update', ctx.environment, 'single', () =>
      singleJobOutcome(() => {
        const runCtx = jobContext(sim, ctx);
        return serializeUpload(runCtx.store, updateUpload(runCtx, id, patch), base);
      }),
    );
    return accepted(request, reply, job);
  });

  app.delete<IdParams>('/uploads/:id', async (request) => {
    const ctx = opContext(sim, request);
    requireUpload(ctx, request.params.id);
    assertUploadPermission(ctx, 'delete');
    const upload = destroyUpload(ctx, request.params.id);
    return { data: serializeUpload(ctx.store, upload, origin(request)) };
  });

  app.post('/uploads/bulk/tag', { config: { jobSubmit: true } }, async (request, reply) => {
    const body = validateBody<RawApiTypes.UploadBulkTagSchema>(
      'UploadBulkTagSchema',
      readBody(request),
    );
    const ctx = opContext(sim, request);
    assertUploadPermission(ctx, 'update');
    const tags = checkTags(body.data.attributes.tags);
    const ids = uploadIds(body.data.relationships.uploads.data);
    const job = sim.submitJob('uploads.bulk_tag', ctx.environment, ids.length, () => ({
      status: 200,
      payload: bulkPayload(runEach(ids, (id) => addTags(jobContext(sim, ctx), id, tags))),
    }));
    return accepted(request, reply, job);
  });

  app.post(
    '/uploads/bulk/set-upload-collection',
    { config: { jobSubmit: true } },
    async (request, reply) => {
      const body = validateBody<RawApiTypes.UploadBulkSetUploadCollectionSchema>(
        'UploadBulkSetUploadCollectionSchema',
        readBody(request),
      );
      const ctx = opContext(sim, request);
      assertUploadPermission(ctx, 'move');
      const collectionId = body.data.relationships.upload_collection.data?.id ?? null;
      checkCollection(ctx, collectionId);
      const ids = uploadIds(body.data.relationships.uploads.data);
      const job = sim.submitJob(
        'uploads.bulk_set_upload_collection',
        ctx.environment,
        ids.length,
        () => ({
          status: 200,
          payload: bulkPayload(
            runEach(ids, (id) => setCollection(jobContext(sim, ctx), id, collectionId)),
          ),
        }),
      );
      return accepted(request, reply, job);
    },
  );

  app.post('/uploads/bulk/destroy', { config: { jobSubmit: true } }, async (request, reply) => {
    const body = validateBody<RawApiTypes.UploadBulkDestroySchema>(
      'UploadBulkDestroySchema',
      readBody(request),
    );
    const ctx = opContext(sim, request);
    assertUploadPermission(ctx, 'delete');
    const ids = uploadIds(body.data.relationships.uploads.data);
    const job = sim.submitJob('uploads.bulk_destroy', ctx.environment, ids.length, () => ({
      status: 200,
      payload: bulkPayload(runEach(ids, (id) => void destroyUpload(jobContext(sim, ctx), id))),
    }));
    return accepted(request, reply, job);
  });
}

/** No documented cap for asset bulk calls; an empty list is refused like the CMA does. */
function uploadIds(data: readonly { id: string }[]): string[] {
  const ids = relationshipIds(data);
  if (ids.length === 0) throw new SimError(422, 'MISSING_UPLOAD_IDS', {});
  return ids;
}

function uploadPatch(body: RawApiTypes.UploadUpdateSchema): UploadPatch {
  const attributes = body.data.attributes ?? {};
  const metadata = attributes.default_field_metadata;
  const patch: UploadPatch = {};
  if (attributes.tags !== undefined) patch.tags = attributes.tags;
  if (attributes.basename !== undefined) patch.basename = attributes.basename;
  if (attributes.notes !== undefined) patch.notes = attributes.notes;
  if (attributes.author !== undefined) patch.author = attributes.author;
  if (attributes.copyright !== undefined) patch.copyright = attributes.copyright;
  if (metadata?.alt !== undefined) patch.alt = { ...metadata.alt };
  if (metadata?.title !== undefined) patch.title = { ...metadata.title };
  const collection = body.data.relationships?.upload_collection;
  if (collection !== undefined) patch.collectionId = collection.data?.id ?? null;
  return patch;
}
