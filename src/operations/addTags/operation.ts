import type { Client } from '@datocms/cma-client-browser';
import type { RawEntity } from '../../cma/fetchByIds';
import { bindList, refs, requestOne, type BindContext } from '../shared/binding';
import { groupBy } from '../shared/groupBy';
import { tagsOf, validateTags, type TagsInput } from '../shared/tags';
import type { OperationDefinition } from '../shared/types';

/** Adds tags with POST /uploads/bulk/tag (which only ever adds). */
export default function createAddTags(ctx: BindContext): OperationDefinition<TagsInput> {
  const missing = (entity: RawEntity | undefined, input: TagsInput) => {
    const have = new Set(tagsOf(entity));
    return input.tags.filter((t) => !have.has(t));
  };
  return {
    validate: (raw) => validateTags(raw),
    preview: (entity, input) =>
      missing(entity, input).length === 0
        ? { outcome: 'noop', reason: 'Already has every tag.' }
        : { outcome: 'change' },
    bind: (client: Client, input) =>
      bindList(client, {
        resource: 'uploads',
        submit: (ids) =>
          client.uploads.rawBulkTag({
            data: {
              type: 'upload_bulk_tag_operation',
              attributes: { tags: [...input.tags] },
              relationships: { uploads: { data: refs('upload', ids) as never } },
            },
          }),
        isDone: (entity) => missing(entity, input).length === 0,
        applyOne: async (id, current) => {
          const tags = tagsOf(current);
          await requestOne(client, ctx, {
            method: 'PUT',
            url: `/uploads/${id}`,
            body: {
              data: {
                type: 'upload',
                id,
                attributes: { tags: [...tags, ...missing(current, input)] },
              },
            },
          });
        },
      }),
    // Undo removes only the tags each asset did not have before.
    snapshot: (entity, input) => missing(entity, input),
    inverse: (_input, before, succeeded) =>
      [
        ...groupBy(
          succeeded,
          (id) => {
            const added = before[id] as string[] | undefined;
            return added && added.length > 0 ? added : undefined;
          },
          (tags) => JSON.stringify([...tags].sort()),
        ).values(),
      ].map((g) => ({ operationId: 'uploads.removeTags', input: { tags: g.value }, ids: g.ids })),
  };
}
