import type { Client } from '@datocms/cma-client-browser';
import { fetchByIds, type RawEntity } from '../../cma/fetchByIds';
import { bindList, requestOne, type BindContext } from '../shared/binding';
import { groupBy } from '../shared/groupBy';
import { tagsOf, validateTags, type TagsInput } from '../shared/tags';
import type { OperationDefinition } from '../shared/types';

/**
 * There is no bulk untag endpoint: one PUT /uploads/:id per asset that has one of the tags,
 * paced by the rate budget. Assets are re-read in batches first, so untouched ones cost nothing.
 */
/** The PUT replaces the whole list: it starts from the freshest copy we have. */
async function freshest(client: Client, id: string, current: RawEntity | undefined) {
  return current ?? (await fetchByIds(client, 'uploads', [id])).get(id);
}

function putWithout(id: string, entity: RawEntity | undefined, drop: ReadonlySet<string>) {
  return {
    method: 'PUT' as const,
    url: `/uploads/${id}`,
    body: {
      data: {
        type: 'upload',
        id,
        attributes: { tags: tagsOf(entity).filter((t) => !drop.has(t)) },
      },
    },
  };
}

export default function createRemoveTags(ctx: BindContext): OperationDefinition<TagsInput> {
  const present = (entity: RawEntity | undefined, input: TagsInput) => {
    const have = new Set(tagsOf(entity));
    return input.tags.filter((t) => have.has(t));
  };
  return {
    validate: (raw) => validateTags(raw),
    preview: (entity, input) =>
      present(entity, input).length === 0
        ? { outcome: 'noop', reason: 'Has none of these tags.' }
        : { outcome: 'change' },
    bind: (client: Client, input) => {
      const drop = new Set(input.tags);
      return bindList(client, {
        mode: 'perItem',
        resource: 'uploads',
        submit: () => Promise.reject(new Error('removeTags has no bulk endpoint')),
        isDone: (entity) => present(entity, input).length === 0,
        applyOne: async (id, current) => {
          await requestOne(client, ctx, putWithout(id, await freshest(client, id, current), drop));
        },
        // The scheduler re-reads the chunk afterwards, so the PUT's job need not be polled.
        sendOne: async (id, current) => {
          await client.request(putWithout(id, await freshest(client, id, current), drop));
        },
      });
    },
    snapshot: (entity, input) => present(entity, input),
    inverse: (_input, before, succeeded) =>
      [
        ...groupBy(
          succeeded,
          (id) => {
            const removed = before[id] as string[] | undefined;
            return removed && removed.length > 0 ? removed : undefined;
          },
          (tags) => JSON.stringify([...tags].sort()),
        ).values(),
      ].map((g) => ({ operationId: 'uploads.addTags', input: { tags: g.value }, ids: g.ids })),
  };
}
