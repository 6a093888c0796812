/** Read-only schema endpoints: /site, /item-types, fields, /workflows, /roles. */
import type { FastifyInstance } from 'fastify';
import { notFound, SimError } from '../errors';
import { idList, record } from '../query';
import { serializeField, serializeItemType, serializeSite, serializeWorkflow } from '../serialize';
import { requestEnvironment } from '../http';
import type { Simulator } from '../simulator';
import type { Store } from '../store';
import type { FieldRec } from '../types';

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

  // "List fields referencing a model/block" (client Field.ts `referencing`): link fields and
  // structured-text links that may point at the model, block fields that may embed the block,
  // in models and block models alike.
  app.get<IdParams>('/item-types/:id/fields/referencing', async (request) => {
    const { store } = requestEnvironment(request);
    const itemType = store.findItemType(request.params.id);
    if (!itemType) throw notFound({ type: 'item_type', id: request.params.id });
    return { data: referencingFields(store, itemType.id).map(serializeField) };
  });

  // "List models referencing another model/block" (client ItemType.ts `referencing`).
  app.get<IdParams>('/item-types/:id/referencing', async (request) => {
    const { store } = requestEnvironment(request);
    const itemType = store.findItemType(request.params.id);
    if (!itemType) throw notFound({ type: 'item_type', id: request.params.id });
    const ids = new Set(referencingFields(store, itemType.id).map((field) => field.itemTypeId));
    return {
      data: [...store.itemTypes.values()]
        .filter((candidate) => ids.has(candidate.id))
        .map((candidate) => serializeItemType(store, candidate)),
    };
  });

  app.get<IdParams>('/fields/:id', async (request) => {
    const field = requestEnvironment(request).store.fields.get(request.params.id);
    if (!field) throw notFound({ type: 'field', id: request.params.id });
    return { data: serializeField(field) };
  });

  app.get('/workflows', async (request) => {
    if (!sim.plan.workflows) {
      if (sim.plan.workflowsListing === 'empty') return { data: [] };
      throw planUpgradeRequired();
    }
    return {
      data: [...requestEnvironment(request).store.workflows.values()].map(serializeWorkflow),
    };
  });

  app.get<IdParams>('/workflows/:id', async (request) => {
    if (!sim.plan.workflows) throw planUpgradeRequired();
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

/** A plan without workflows (the code is in the CMA error list; its use here is unverified). */
export function planUpgradeRequired(): SimError {
  return new SimError(422, 'PLAN_UPGRADE_REQUIRED', {
    feature: 'workflows',
    message: 'Workflows are not available on this plan',
  });
}

function referencingFields(store: Store, itemTypeId: string): FieldRec[] {
  return [...store.itemTypes.keys()].flatMap((id) =>
    store
      .fieldsOf(id)
      .filter(
        (field) =>
          field.linkedItemTypeIds.includes(itemTypeId) ||
          field.blockItemTypeIds.includes(itemTypeId),
      ),
  );
}

function uniqueRoles(sim: Simulator) {
  const byId = new Map([...sim.tokens.values()].map(({ role }) => [role.id, role]));
  return [...byId.values()];
}
