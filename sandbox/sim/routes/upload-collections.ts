/** Upload collections: list (not paginated), find, and the reorder job. */
import type { RawApiTypes } from '@datocms/cma-client-browser';
import type { FastifyInstance } from 'fastify';
import { applyReorder, checkReorder, type ReorderEntry } from '../domain/collections';
import { insufficientPermissions, notFound, SimError } from '../errors';
import { accepted, opContext, readBody } from '../http';
import { idList, record, type Query } from '../query';
import { hasFlag } from '../roles';
import { serializeCollection } from '../serialize';
import type { Simulator } from '../simulator';
import { validateBody } from '../validation';

export function registerUploadCollectionRoutes(app: FastifyInstance, sim: Simulator): void {
  app.get<{ Querystring: Query }>('/upload-collections', async (request) => {
    const ids = idList(record(request.query.filter).ids);
    const collections = sim.store
      .orderedCollections()
      .filter((collection) => !ids || ids.includes(collection.id));
    return { data: collections.map((collection) => serializeCollection(sim.store, collection)) };
  });

  app.get<{ Params: { id: string } }>('/upload-collections/:id', async (request) => {
    const collection = sim.store.collections.get(request.params.id);
    if (!collection) throw notFound({ type: 'upload_collection', id: request.params.id });
    return { data: serializeCollection(sim.store, collection) };
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
      checkReorder(sim.store, entries);
      const job = sim.submitJob('upload_collections.reorder', entries.length, () => {
        try {
          // Collections may have changed while the job waited: check again before applying.
          checkReorder(sim.store, entries);
        } catch (error) {
          if (error instanceof SimError) return { status: error.status, payload: error.toBody() };
          throw error;
        }
        applyReorder(sim.store, entries);
        return {
          status: 200,
          payload: {
            data: sim.store
              .orderedCollections()
              .map((collection) => serializeCollection(sim.store, collection)),
          },
        };
      });
      return accepted(request, reply, job);
    },
  );
}
