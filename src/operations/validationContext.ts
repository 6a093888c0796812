import type { Client } from '@datocms/cma-client-browser';
import { listCollections } from './reorderCollections';
import type { ValidationContext } from './types';

/** Loads what validation checks against: collection ids and workflow stage ids (2–3 GETs). */
export async function loadValidationContext(client: Client): Promise<ValidationContext> {
  const collections = await listCollections(client);
  const workflows = await client.request<{
    data: { attributes?: { stages?: { id: string }[] } }[];
  }>({ method: 'GET', url: '/workflows' });
  const stageIds = new Set<string>();
  for (const w of workflows.data) for (const s of w.attributes?.stages ?? []) stageIds.add(s.id);
  return { collectionIds: new Set(collections.map((c) => c.id)), stageIds };
}
