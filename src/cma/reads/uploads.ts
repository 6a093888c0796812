/** Reads of the Media Area the bulk modal needs: the project's tags, assets in use, collections. */
import type { Client } from '@datocms/cma-client-browser';
import { IDS_PER_LOOKUP } from '../fetchByIds';
import { listCollections } from '../uploadCollections';
import { readPage } from './listReads';

/** Upload tags and smart tags of the project (first 500 of each). */
export async function knownTags(client: Client): Promise<string[]> {
  const read = async (url: string) => {
    const body = await client.request<{ data: { attributes: { name: string } }[] }>({
      method: 'GET',
      url,
      queryParams: { page: { limit: 500 } },
    });
    return body.data.map((t) => t.attributes.name);
  };
  const [tags, smart] = await Promise.all([read('/upload-tags'), read('/upload-smart-tags')]);
  return [...new Set([...tags, ...smart])];
}

/** The ids among `ids` that records still use (GET /uploads filtered on in_use). */
export async function assetsInUse(client: Client, ids: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < ids.length; i += IDS_PER_LOOKUP) {
    const batch = ids.slice(i, i + IDS_PER_LOOKUP);
    const page = await readPage(
      client,
      'uploads',
      { filter: { ids: batch.join(','), fields: { in_use: { eq: true } } } },
      0,
      batch.length,
    );
    for (const e of page.data) out.add(e.id);
  }
  return out;
}

/** Each collection's parent, for collection-scoped role rules (sub-collections inherit). */
export async function collectionParents(client: Client): Promise<Map<string, string | null>> {
  return new Map(
    (await listCollections(client)).map((c) => [
      c.id,
      (c.relationships?.parent?.data as { id?: string } | null | undefined)?.id ?? null,
    ]),
  );
}
