/** The ledger for a panel or modal frame: opened on first use, shared by its model and actions. */
import type { FrameRunScope } from '../../runtime/frameScope';
import type { JobsStore } from './jobsPanelStore';

export function lazyLedgerStore(scope: Pick<FrameRunScope, 'ledger'>): JobsStore {
  return {
    list: async () => (await scope.ledger()).list(),
    load: async (runId) => (await scope.ledger()).load(runId),
    discard: async (runId) => (await scope.ledger()).discard(runId),
    runsTouching: async (entityId) => (await scope.ledger()).runsTouching(entityId),
  };
}
