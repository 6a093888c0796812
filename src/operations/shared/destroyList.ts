import type { Client } from '@datocms/cma-client-browser';
import type { BoundOperation } from '../../engine/boundOperation';
import { bindList, requestOne, type BindContext } from './binding';
import type { OperationDefinition } from './types';

/** The parts in which deleting assets and deleting records differ. */
export type DestroyListSpec<I> = {
  readonly resource: 'uploads' | 'items';
  validate(raw: unknown): I;
  /** POST /<resource>/bulk/destroy for these ids. */
  submit(client: Client, ids: readonly string[]): Promise<unknown>;
  /** Leaves ids out right before each chunk is sent (see BoundOperation.guard). */
  guard?(client: Client, input: I): BoundOperation['guard'];
};

/**
 * Deleting a list of assets or records: one bulk destroy per chunk, one DELETE per item in
 * reconciliation, and a missing entity counts as done. No inverse: deletion cannot be undone.
 */
export function createDestroyList<I>(
  ctx: BindContext,
  spec: DestroyListSpec<I>,
): OperationDefinition<I> {
  const { resource } = spec;
  return {
    validate: (raw) => spec.validate(raw),
    preview: () => ({ outcome: 'change' }),
    bind: (client: Client, input) => {
      const guard = spec.guard?.(client, input);
      return {
        ...bindList(client, {
          resource,
          missingMeansDone: true,
          submit: (ids) => spec.submit(client, ids),
          isDone: () => false,
          applyOne: async (id) => {
            await requestOne(client, ctx, { method: 'DELETE', url: `/${resource}/${id}` });
          },
        }),
        ...(guard ? { guard } : {}),
      };
    },
  };
}
