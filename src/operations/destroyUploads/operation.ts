import type { Client } from '@datocms/cma-client-browser';
import { listPage, lookupBatches } from '../../cma/fetchByIds';
import type { LeaveOut } from '../../engine/boundOperation';
import { refs, type BindContext } from '../shared/binding';
import { createDestroyList } from '../shared/destroyList';
import { InputError, isRecord } from '../shared/inputErrors';

export type DestroyUploadsInput = {
  /**
   * The CMA deletes assets that records still use (their references then show a missing
   * asset; datocms/agent-skills uploads.md). Off (the default): every chunk is re-checked right
   * before it is sent, and assets in use are left out.
   */
  readonly allowInUse: boolean;
};

export const IN_USE_SINCE_PREVIEW: LeaveOut = {
  code: 'IN_USE',
  reason: 'Records use it (checked right before deleting): left out, not deleted.',
};

/**
 * The in-use guard: the ids among `ids` that records use, from one GET /uploads per lookup batch
 * (`filter[ids]` + `filter[fields][in_use][eq]=true`, one page holds every match).
 */
export async function assetsInUse(
  client: Client,
  ids: readonly string[],
): Promise<Map<string, LeaveOut>> {
  const out = new Map<string, LeaveOut>();
  for (const batch of lookupBatches(ids)) {
    const page = await listPage(
      client,
      'uploads',
      { ids: batch.join(','), fields: { in_use: { eq: true } } },
      0,
      batch.length,
    );
    for (const e of page.data) out.set(e.id, IN_USE_SINCE_PREVIEW);
  }
  return out;
}

/** Deletes assets with POST /uploads/bulk/destroy. No inverse: deletion cannot be undone. */
export default (ctx: BindContext) =>
  createDestroyList<DestroyUploadsInput>(ctx, {
    resource: 'uploads',
    validate: (raw) => {
      const allow = isRecord(raw) ? raw.allowInUse : undefined;
      if (allow !== undefined && typeof allow !== 'boolean')
        throw new InputError('INVALID_INPUT', '“allowInUse” must be true or false.');
      return { allowInUse: allow === true };
    },
    submit: (client, ids) =>
      client.uploads.rawBulkDestroy({
        data: {
          type: 'upload_bulk_destroy_operation',
          relationships: { uploads: { data: refs('upload', ids) as never } },
        },
      }),
    guard: (client, input) =>
      input.allowInUse ? undefined : (ids: readonly string[]) => assetsInUse(client, ids),
  });
