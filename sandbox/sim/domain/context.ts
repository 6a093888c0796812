/** What a domain operation needs: the store, the caller's role and the injected per-id faults. */
import { SimError, statusForCode } from '../errors';
import type { Faults } from '../faults';
import type { Credential } from '../permissions';
import type { Role } from '../roles';
import type { Store } from '../store';

export type OpContext = {
  /** Id of the environment the operation acts in; `store` is that environment's data. */
  environment: string;
  store: Store;
  role: Role;
  credential: Credential;
  faults: Faults;
};

/** Throws the error configured for this id in faults.failingItemIds, if any. */
export function failIfInjected(ctx: OpContext, id: string): void {
  const spec = ctx.faults.failingItemIds[id];
  if (!spec) return;
  throw new SimError(
    spec.status ?? statusForCode(spec.code),
    spec.code,
    { id, injected: true },
    spec.transient ?? false,
  );
}

export function nowIso(): string {
  return new Date().toISOString();
}

export type BulkCounts = { successful: number; failed: number };

/** Runs one operation per id; an id that throws counts as failed and does not stop the rest. */
export function runEach(ids: readonly string[], operation: (id: string) => void): BulkCounts {
  const counts: BulkCounts = { successful: 0, failed: 0 };
  for (const id of ids) {
    try {
      operation(id);
      counts.successful++;
    } catch (error) {
      if (!(error instanceof SimError)) throw error;
      counts.failed++;
    }
  }
  return counts;
}
