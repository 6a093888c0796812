/** Read-only schema endpoints: /site, /item-types, fields, /workflows, /roles. */
import type { FastifyInstance } from 'fastify';
import { notFound } from '../errors';
import { idList, record } from '../query';
import { serializeField, serializeItemType, serializeSite, serializeWorkflow } from '../serialize';
import { requestEnvironment } from '../http';
import type { Simulator } from '../simulator';

type IdParams = { Params: { id: string } };

export function registerSchemaRoutes(app: FastifyInstance, sim: Simulator): void {
  app.get('/site', async (request) => ({ data: serializeSite(requestEnvironment(request).store) }));

  app.get('/item-types', async (request) => {
    const { store } = requestEnvironment(request);
    return {
      data: [...store.itemTypes.values()].map((itemType) => serializeItemType(store, itemType)),
    };
  });

  // Like the CMA, a model can be addressed by id or api_key.
  app.get<IdParams>('/item-types/:id', async (request) => {
    const { store } = requestEnvironment(request);
    const itemType = store.findItemType(request.params.id);
    if (!itemType) throw notFound({ type: 'item_type', id: request.params.id });
    return { data: serializeItemType(store, itemType) };
  });

  app.get<IdParams>('/item-types/:id/fields', async (request) => {
    const { store } = requestEnvironment(request);
    const itemType = store.findItemType(request.params.id);
    if (!itemType) throw notFound({ type: 'item_type', id: request.params.id });
    return { data: store.fieldsOf(itemType.id).map(serializeField) };
  });

  app.get<IdParams>('/fields/:id', async (request) => {
    const field = requestEnvironment(request).store.fields.get(request.params.id);
    if (!field) throw notFound({ type: 'field', id: request.params.id });
    return { data: serializeField(field) };
  });

  app.get('/workflows', async (request) => ({
    data: [...requestEnvironment(request).store.workflows.values()].map(serializeWorkflow),
  }));

  app.get<IdParams>('/workflows/:id', async (request) => {
    const workflow = requestEnvironment(request).store.workflows.get(request.params.id);
    if (!workflow) throw notFound({ type: 'workflow', id: request.params.id });
    return { data: serializeWorkflow(workflow) };
  });

  app.get<{ Querystring: Record<string, unknown> }>('/roles', async (request) => {
    const ids = idList(record(request.query.filter).ids);
    const roles = uniqueRoles(sim);
    return { data: ids ? roles.filter((role) => ids.includes(role.id)) : roles };
  });

  app.get<IdParams>('/roles/:id', async (request) => {
    const role = uniqueRoles(sim).find((candidate) => candidate.id === request.params.id);
    if (!role) throw notFound({ type: 'role', id: request.params.id });
    return { data: role };
  });
}

function uniqueRoles(sim: Simulator) {
  const byId = new Map([...sim.tokens.values()].map((role) => [role.id, role]));
  return [...byId.values()];
}
