/** The ledger for a panel or modal frame: opened on first use, shared by its model and actions. */
import { IndexedDbLedger } from '../../ledger/indexedDbLedger';
import type { JobsStore } from './jobsModel';

export function lazyLedgerStore(): JobsStore {
  let opening: Promise<IndexedDbLedger> | undefined;
  const ledger = () => (opening ??= IndexedDbLedger.open());
  return {
    list: async () => (await ledger()).list(),
    load: async (runId) => (await ledger()).load(runId),
    discard: async (runId) => (await ledger()).discard(runId),
    runsTouching: async (entityId) => (await ledger()).runsTouching(entityId),
  };
}
