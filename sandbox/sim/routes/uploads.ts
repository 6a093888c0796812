/** Assets: list/find, per-asset update (a job, as in the CMA) and destroy, and the bulk jobs. */
import type { RawApiTypes } from '@datocms/cma-client-browser';
import type { FastifyInstance } from 'fastify';
import { runEach } from '../domain/context';
import {
  addTags,
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
import type { Simulator } from '../simulator';
import { filterUploads } from '../upload-filter';
import { validateBody } from '../validation';

type IdParams = { Params: { id: string } };

export function registerUploadRoutes(app: FastifyInstance, sim: Simulator): void {
  app.get<{ Querystring: Query }>('/uploads', async (request) => {
    const page = parsePage(request.query, 30, 500);
    const matching = filterUploads(requestEnvironment(request).store, request.query);
    const base = origin(request);
    return {
      data: paginate(matching, page).map((upload) => serializeUpload(upload, base)),
      meta: { total_count: matching.length },
    };
  });

  app.get<IdParams>('/uploads/:id', async (request) => {
    const upload = requireUpload(opContext(sim, request), request.params.id);
    return { data: serializeUpload(upload, origin(request)) };
  });

  app.get<IdParams>('/uploads/:id/references', async (request) => {
    const ctx = opContext(sim, request);
    requireUpload(ctx, request.params.id);
    const ids = ctx.store.usedBy(request.params.id);
    return {
      data: ids.flatMap((id) => {
        const item = ctx.store.items.get(id);
        return item ? [serializeItem(ctx.store, item)] : [];
      }),
    };
  });

  // The CMA runs asset updates as jobs; checks that need no state change answer synchronously.
  app.put<IdParams>('/uploads/:id', { config: { jobSubmit: true } }, async (request, reply) => {
    const body = validateBody<RawApiTypes.UploadUpdateSchema>(
      'UploadUpdateSchema',
      readBody(request),
    );
    const ctx = opContext(sim, request);
    const { id } = request.params;
    requireUpload(ctx, id);
    if (body.data.id !== id) {
      throw invalidField('id', 'VALIDATION_INVALID', { message: 'id does not match the URL' });
    }
    assertUploadPermission(ctx, 'update');
    const patch = uploadPatch(body);
    if (patch.tags) checkTags(patch.tags);
    if (patch.collectionId !== undefined) checkCollection(ctx, patch.collectionId);
    const base = origin(request);
    const job = sim.submitJob('uploads.update', ctx.environment, 'single', () =>
      singleJobOutcome(() => serializeUpload(updateUpload(jobContext(sim, ctx), id, patch), base)),
    );
    return accepted(request, reply, job);
  });

  app.delete<IdParams>('/uploads/:id', async (request) => {
    const ctx = opContext(sim, request);
    requireUpload(ctx, request.params.id);
    assertUploadPermission(ctx, 'delete');
    const upload = destroyUpload(ctx, request.params.id);
    return { data: serializeUpload(upload, origin(request)) };
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
      assertUploadPermission(ctx, 'update');
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
  if (metadata?.alt !== undefined) patch.alt = Object.values(metadata.alt)[0] ?? null;
  if (metadata?.title !== undefined) patch.title = Object.values(metadata.title)[0] ?? null;
  const collection = body.data.relationships?.upload_collection;
  if (collection !== undefined) patch.collectionId = collection.data?.id ?? null;
  return patch;
}
