import type { Client } from '@datocms/cma-client-browser';
import type { BulkActionId } from '../../actions/catalog';
import { listCollections } from '../../cma/uploadCollections';
import type { ValidationContext } from './types';

/**
 * Loads what validating an action's input checks against, and nothing else: the collection ids
 * for a move to collection and a reorder, the workflow stage ids for a move to stage. Workflows are an
 * Enterprise feature (DatoCMS product update on the workflows API), so `GET /workflows` is sent
 * only for stage moves; other actions and other plans never depend on it.
 */
export async function loadValidationContext(
  client: Client,
  actionId: BulkActionId,
): Promise<ValidationContext> {
  if (actionId === 'uploads.moveToCollection' || actionId === 'uploadCollections.reorder') {
    const collections = await listCollections(client);
    return { collectionIds: new Set(collections.map((c) => c.id)) };
  }
  if (actionId === 'items.moveToStage') {
    const workflows = await client.request<{
      data: { attributes?: { stages?: { id: string }[] } }[];
    }>({ method: 'GET', url: '/workflows' });
    const stageIds = new Set<string>();
    for (const w of workflows.data) for (const s of w.attributes?.stages ?? []) stageIds.add(s.id);
    return { stageIds };
  }
  return {};
}
