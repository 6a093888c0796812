/**
 * Reads of a bulk scope over GET /uploads or /items: how many a filter matches, the frozen ids
 * of a selection, the full entities of ids in their order.
 */
import type { Client } from '@datocms/cma-client-browser';
import { resolveSelection, type Selection } from '../../engine/selection';
import { IDS_PER_LOOKUP, fetchByIds, type ListResource, type RawEntity } from '../fetchByIds';
import { countOf, readPage, type ListQuery } from './listReads';

/** Resolves a selection into a frozen id list (pages of 500 in a stable order, excludes applied). */
export async function resolveIds(
  client: Client,
  selection: Selection,
  locale?: string,
): Promise<readonly string[]> {
  const frozen = await resolveSelection(selection, {
    listPage: async (filter, offset, limit) => {
      const page = await readPage(
        client,
        selection.resource,
        { filter: { ...filter }, ...(locale ? { locale } : {}) },
        offset,
        limit,
      );
      return { ids: page.data.map((e) => e.id), total: page.total };
    },
    existing: async () => new Set<string>(),
  });
  return frozen.ids;
}

/** The exact number of entities a filter matches, minus the excluded ids among them. */
export async function countMatching(
  client: Client,
  resource: ListResource,
  filter: Record<string, unknown>,
  exclude: readonly string[],
  /** Records: the locale text and localized fields are matched in. */
  locale?: string,
): Promise<number> {
  const q = (f: Record<string, unknown>): ListQuery => ({
    filter: f,
    ...(locale ? { locale } : {}),
  });
  // The records API does not combine filter[ids] with filter[type]: resolve and count.
  if (resource === 'items' && exclude.length > 0)
    return (
      await resolveIds(client, { resource, queries: [{ filter, exclude: [...exclude] }] }, locale)
    ).length;
  let total = await countOf(client, resource, q(filter));
  for (let i = 0; i < exclude.length; i += IDS_PER_LOOKUP) {
    const ids = exclude.slice(i, i + IDS_PER_LOOKUP).join(',');
    total -= await countOf(client, resource, q({ ...filter, ids }));
  }
  return total;
}

/** The full assets or records of `ids`, in their order (missing ids are left out). */
export async function entitiesInOrder(
  client: Client,
  resource: ListResource,
  ids: readonly string[],
): Promise<RawEntity[]> {
  const found = await fetchByIds(client, resource, ids);
  return ids.flatMap((id) => found.get(id) ?? []);
}
