/** Reads of records for pickers: a page of one or more models' records matching a text. */
import type { Client } from '@datocms/cma-client-browser';
import type { RawEntity } from '../fetchByIds';
import { readPage } from './listReads';

/** Up to `limit` records of the models whose title matches `text` (all of them when empty). */
export async function findRecords(
  client: Client,
  itemTypeIds: readonly string[],
  text: string,
  limit: number,
): Promise<RawEntity[]> {
  if (itemTypeIds.length === 0) return [];
  const filter: Record<string, unknown> = { type: itemTypeIds.join(',') };
  if (text.trim()) filter.query = text.trim();
  // One page: for one model, the most relevant matches first (`_rank_DESC`, [AS]
  // filtering-and-pagination.md); several models cannot be ordered at all.
  const orderBy = itemTypeIds.length === 1 ? (filter.query ? '_rank_DESC' : undefined) : null;
  const page = await readPage(
    client,
    'items',
    { filter, ...(orderBy !== undefined ? { orderBy } : {}) },
    0,
    limit,
  );
  return page.data;
}
