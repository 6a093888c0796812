import type { BindContext } from './shared/binding';
import type { AnyOperation, OperationDefinition } from './shared/types';
import { findEntry } from './registry';

type OperationModule = { default: (ctx: BindContext) => OperationDefinition<unknown> };

/**
 * The operation with this id, bound to a clock (and a poll planner): its folder's operation.ts
 * (loaded on first use, so neither the boot frame nor the catalog carries operation code), with
 * the id, resource and permission of its meta.
 */
export async function loadOperation(id: string, ctx: BindContext): Promise<AnyOperation> {
  const found = findEntry(id);
  if (!found) throw new Error(`Unknown operation ${id}`);
  const module = (await import(`./${found.folder}/operation.ts`)) as OperationModule;
  const { meta } = found;
  return {
    ...module.default(ctx),
    id: meta.id as AnyOperation['id'],
    resource: meta.resource,
    requires: meta.requires,
  };
}
