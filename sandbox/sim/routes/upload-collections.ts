/** Upload collections: list (not paginated), find, and the reorder job. */
import type { RawApiTypes } from '@datocms/cma-client-browser';
import type { FastifyInstance } from 'fastify';
import { applyReorder, checkReorder, type ReorderEntry } from '../domain/collections';
import { insufficientPermissions, notFound } from '../errors';
import { accepted, jobContext, opContext, readBody, requestEnvironment } from '../http';
import { idList, record, type Query } from '../query';
import { hasFlag } from '../roles';
import { serializeCollection } from '../serialize';
import type { Simulator } from '../simulator';
import { validateBody } from '../validation';

export function registerUploadCollectionRoutes(app: FastifyInstance, sim: Simulator): void {
  app.get<{ Querystring: Query }>(
    '/upload-collections',
    { config: { href: 'UploadCollectionInstancesHrefSchema' } },
    async (request) => {
      const ids = idList(record(request.query.filter).ids);
      const { store } = requestEnvironment(request);
      const collections = store
        .orderedCollections()
        .filter((collection) => !ids || ids.includes(collection.id));
      return { data: collections.map((collection) => serializeCollection(store, collection)) };
    },
  );

  app.get<{ Params: { id: string } }>('/upload-collections/:id', async (request) => {
    const { store } = requestEnvironment(request);
    const collection = store.collections.get(request.params.id);
    if (!collection) throw notFound({ type: 'upload_collection', id: request.params.id });
    return { data: serializeCollection(store, collection) };
  });

  app.post(
    '/upload-collections/reorder',
    { config: { jobSubmit: true } },
    async (request, reply) => {
      const body = validateBody<RawApiTypes.UploadCollectionReorderSchema>(
        'UploadCollectionReorderSchema',
        readBody(request),
      );
      const ctx = opContext(sim, request);
      if (!hasFlag(ctx.role, 'can_manage_upload_collections')) {
        throw insufficientPermissions('manage', 'upload_collection');
      }
      const entries: ReorderEntry[] = body.data.map((entry) => ({
        id: entry.id,
        position: entry.attributes.position,
        parentId: entry.relationships.parent.data?.id ?? null,
      }));
      checkReorder(ctx.store, entries);
      const job = sim.submitJob(
        'upload_collections.reorder',
        ctx.environment,
        entries.length,
        () => {
          const { store } = jobContext(sim, ctx);
          // Collections may have changed while the job waited: check again before applying.
          checkReorder(store, entries);
          applyReorder(store, entries);
          return {
            status: 200,
            payload: {
              data: store
                .orderedCollections()
                .map((collection) => serializeCollection(store, collection)),
            },
          };
        },
      );
      return accepted(request, reply, job);
    },
  );
}
