import type { Client } from '@datocms/cma-client-browser';
import type { RawEntity } from '../../cma/fetchByIds';
import { jobIdOf, pollJobOnce } from '../../cma/jobs';
import { listCollections } from '../../cma/uploadCollections';
import type { VerifyResult } from '../../engine/boundOperation';
import { settleMaybeJob, type BindContext } from '../shared/binding';
import { relId } from '../../cma/relationships';
import { InputError, isRecord } from '../shared/inputErrors';
import type { OperationDefinition } from '../shared/types';

export type CollectionPlacement = {
  readonly id: string;
  readonly position: number;
  readonly parent: string | null;
};

/** The wanted placement of the collections to move; the run's ids are these collections. */
export type ReorderInput = { readonly placements: readonly CollectionPlacement[] };

const placementOf = (entity: RawEntity): CollectionPlacement => ({
  id: entity.id,
  position: Number(entity.attributes?.position ?? 0),
  parent: relId(entity, 'parent'),
});

const same = (a: CollectionPlacement, b: CollectionPlacement) =>
  a.position === b.position && a.parent === b.parent;

function reorderBody(placements: readonly CollectionPlacement[]) {
  return {
    data: placements.map((p) => ({
      id: p.id,
      type: 'upload_collection' as const,
      attributes: { position: p.position },
      relationships: {
        parent: {
          data: p.parent === null ? null : { id: p.parent, type: 'upload_collection' as const },
        },
      },
    })),
  };
}

/** One POST /upload-collections/reorder job carrying only the collections that really move. */
export default function createReorderCollections(
  ctx: BindContext,
): OperationDefinition<ReorderInput> {
  return {
    validate: (raw, context) => {
      if (!isRecord(raw) || !Array.isArray(raw.placements))
        throw new InputError('INVALID_INPUT', 'Nothing to reorder.');
      if (raw.placements.length === 0) throw new InputError('EMPTY_REORDER', 'Nothing to reorder.');
      const seen = new Set<string>();
      const placements: CollectionPlacement[] = [];
      for (const p of raw.placements as unknown[]) {
        if (!isRecord(p) || typeof p.id !== 'string' || !Number.isInteger(p.position))
          throw new InputError(
            'INVALID_INPUT',
            'Each placement needs an id and a whole-number position.',
          );
        const parent = p.parent ?? null;
        if (parent !== null && typeof parent !== 'string')
          throw new InputError('INVALID_INPUT', 'A parent must be a collection id or null.');
        for (const id of parent === null ? [p.id] : [p.id, parent])
          if (!context.collectionIds?.has(id))
            throw new InputError('UNKNOWN_COLLECTION', `The collection ${id} does not exist.`);
        if (parent === p.id)
          throw new InputError('INVALID_INPUT', 'A collection cannot be its own parent.');
        if (seen.has(p.id))
          throw new InputError('INVALID_INPUT', `The collection ${p.id} is listed twice.`);
        seen.add(p.id);
        placements.push({ id: p.id, position: p.position as number, parent });
      }
      return { placements };
    },
    preview: (entity, input) => {
      const wanted = input.placements.find((p) => p.id === entity?.id);
      return entity && wanted && same(placementOf(entity), wanted)
        ? { outcome: 'noop', reason: 'Already in place.' }
        : { outcome: 'change' };
    },
    bind: (client: Client, input) => {
      const wanted = new Map(input.placements.map((p) => [p.id, p]));
      const verify = async (ids: readonly string[]) => {
        const all = new Map((await listCollections(client)).map((c) => [c.id, c]));
        const out = new Map<string, VerifyResult>();
        for (const id of ids) {
          const entity = all.get(id);
          const target = wanted.get(id);
          if (!entity || !target) out.set(id, { state: 'missing' });
          else
            out.set(id, {
              state: same(placementOf(entity), target) ? 'done' : 'not_done',
              current: entity,
            });
        }
        return out;
      };
      return {
        mode: 'bulk',
        missingMeansDone: false,
        submit: async (ids) => {
          const states = await verify(ids);
          const changed = ids
            .filter((id) => states.get(id)?.state === 'not_done')
            .map((id) => wanted.get(id)!);
          if (changed.length === 0) return null;
          return (
            jobIdOf(await client.uploadCollections.rawReorder(reorderBody(changed) as never)) ??
            null
          );
        },
        poll: (jobId) => pollJobOnce(client, jobId),
        verify,
        applyOne: async (id) => {
          const target = wanted.get(id)!;
          await settleMaybeJob(
            client,
            ctx,
            await client.uploadCollections.rawReorder(reorderBody([target]) as never),
            'reorder',
          );
        },
      };
    },
    snapshot: (entity) => placementOf(entity),
    inverse: (_input, before, succeeded) => {
      const placements = succeeded
        .map((id) => before[id] as CollectionPlacement | undefined)
        .filter((p): p is CollectionPlacement => !!p);
      return placements.length === 0
        ? []
        : [
            {
              operationId: 'uploadCollections.reorder',
              input: { placements },
              ids: placements.map((p) => p.id),
            },
          ];
    },
  };
}
