import type { FlowPolicy } from './shared/flowPolicy';
import { findEntry } from './registry';

// Every folder's flow.ts, found by the bundler: a new operation adds its folder, not a line here.
// Eager: the policies are small plain data, and only the modals (never the boot frame) import this.
const POLICIES = import.meta.glob<FlowPolicy>('./*/flow.ts', { eager: true, import: 'default' });

const NONE: FlowPolicy = { input: { kind: 'none' } };

/** The flow policy of an operation (an unknown id gets the empty policy: no input, no extras). */
export function flowPolicyFor(operationId: string): FlowPolicy {
  const entry = findEntry(operationId);
  return (entry && POLICIES[`./${entry.folder}/flow.ts`]) || NONE;
}
