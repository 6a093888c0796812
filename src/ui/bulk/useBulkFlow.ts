import { useEffect, useState, useSyncExternalStore } from 'react';
import { BulkFlow } from '../../flow/bulkFlow';
import type { BulkFlowOptions, BulkFlowSnapshot } from '../../flow/bulkFlowTypes';

/**
 * The bulk flow for one modal, bound to React: made once (the modal's action, selection and
 * model do not change while it is open) and opened on mount; the actor follows the props (the
 * users it needs load late).
 */
export function useBulkFlow(options: BulkFlowOptions): [BulkFlow, BulkFlowSnapshot] {
  const [flow] = useState(() => new BulkFlow(options));
  useEffect(() => flow.open(), [flow]);
  useEffect(() => flow.setActor(options.actor), [flow, options.actor]);
  return [flow, useSyncExternalStore(flow.subscribe, flow.getSnapshot)];
}
