import type { Client } from '@datocms/cma-client-browser';
import type { RoleLike } from '../config/permissions';
import { fetchByIds, type RawEntity } from '../cma/fetchByIds';
import { checkPermission } from '../config/operationPermission';
import { listCollections } from '../cma/uploadCollections';
import type { AnyOperation, Prediction } from '../operations/shared/types';
import { relId } from '../cma/relationships';

export type PreviewCounts = { change: number; noop: number; blocked: number };

export type PreviewResult = {
  readonly predictions: ReadonlyMap<string, Prediction>;
  readonly counts: PreviewCounts;
};

/**
 * Dry run: re-reads the frozen ids (≤200 per request) and predicts each item's outcome: will
 * change / no-op / blocked with the reason (gone, no permission for its model, invalid draft…).
 */
export async function previewRun(options: {
  readonly op: AnyOperation;
  readonly client: Client;
  readonly input: unknown;
  readonly ids: readonly string[];
  readonly role?: RoleLike;
  readonly environment?: string;
  readonly retry?: <T>(fn: () => Promise<T>) => Promise<T>;
  /**
   * Sees every entity read, so callers can keep what they need (names, parents, links) without
   * reading the selection a second time or holding every full entity in memory.
   */
  readonly onEntity?: (entity: RawEntity) => void;
}): Promise<PreviewResult> {
  const { op, client, input, ids } = options;
  const retry = options.retry ?? (<T>(fn: () => Promise<T>) => fn());
  const entities = new Map<string, RawEntity>();
  if (op.resource === 'uploadCollections') {
    for (const c of await retry(() => listCollections(client))) entities.set(c.id, c);
  } else {
    for (let i = 0; i < ids.length; i += 200) {
      const batch = ids.slice(i, i + 200);
      const found = await retry(() => fetchByIds(client, op.resource as 'uploads', batch));
      for (const [id, e] of found) entities.set(id, e);
    }
  }
  if (options.onEntity) for (const e of entities.values()) options.onEntity(e);
  const predictions = new Map<string, Prediction>();
  const counts: PreviewCounts = { change: 0, noop: 0, blocked: 0 };
  for (const id of ids) {
    const entity = entities.get(id);
    let p: Prediction;
    if (!entity) p = { outcome: 'blocked', code: 'NOT_FOUND', reason: 'It no longer exists.' };
    else {
      const perm =
        options.role !== undefined
          ? checkPermission(
              op,
              options.role,
              options.environment ?? 'main',
              relId(entity, 'item_type') ?? undefined,
            )
          : { allowed: true as const };
      p = perm.allowed
        ? op.preview(entity, input)
        : { outcome: 'blocked', code: 'INSUFFICIENT_PERMISSIONS', reason: perm.reason };
    }
    predictions.set(id, p);
    counts[p.outcome]++;
  }
  return { predictions, counts };
}
