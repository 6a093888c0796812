/** Reads of models: one model with its fields (and workflow), every model. */
import type { Client } from '@datocms/cma-client-browser';
import type { RawEntity } from '../fetchByIds';

async function getOne(client: Client, url: string): Promise<RawEntity> {
  return (await client.request<{ data: RawEntity }>({ method: 'GET', url })).data;
}

async function getList(client: Client, url: string): Promise<RawEntity[]> {
  return (await client.request<{ data: RawEntity[] }>({ method: 'GET', url })).data;
}

export type ModelParts = {
  readonly itemType: RawEntity;
  readonly fields: RawEntity[];
  readonly workflow: RawEntity | null;
};

/**
 * The model with its fields (GET /item-types/:id, fields) and, when asked, its workflow:
 * workflows are an Enterprise feature, so GET /workflows/:id is sent only where stages are
 * needed, and a plan without workflows answering it with an error leaves the workflow null.
 */
export async function readModel(
  client: Client,
  itemTypeId: string,
  withWorkflow: boolean,
): Promise<ModelParts> {
  const [itemType, fields] = await Promise.all([
    getOne(client, `/item-types/${itemTypeId}`),
    getList(client, `/item-types/${itemTypeId}/fields`),
  ]);
  const workflowId = (itemType.relationships?.workflow?.data as { id?: string } | null)?.id;
  const workflow =
    withWorkflow && workflowId
      ? await getOne(client, `/workflows/${workflowId}`).catch(() => null)
      : null;
  return { itemType, fields, workflow };
}

/** Every model and block model (GET /item-types). */
export function listItemTypes(client: Client): Promise<RawEntity[]> {
  return getList(client, '/item-types');
}
