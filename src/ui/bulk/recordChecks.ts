/**
 * The record checks of a run: the operation's own (its flow policy's `recordChecks`), then the
 * role's rules for each record. The modal's record vocabulary is re-exported for its imports.
 */
import { flowPolicyFor } from '../../operations/flowPolicies';
import type {
  RecordCheckInput,
  RecordCheckResult,
} from '../../operations/shared/records/recordCheckTypes';

export type {
  Inclusion,
  InclusionKind,
  RecordCheckInput,
  RecordCheckResult,
  RecordPermission,
} from '../../operations/shared/records/recordCheckTypes';
export { creatorOf, recordFact, type RecordFact } from '../../operations/shared/records/recordFact';
export { effectsWithout, type SideEffect } from '../../operations/shared/records/sideEffects';
export { quoteList } from '../../operations/shared/records/wording';

function checkAction(input: RecordCheckInput): RecordCheckResult {
  const checks = flowPolicyFor(input.actionId).recordChecks;
  if (checks) return checks.check(input);
  return {
    overrides: new Map(),
    notes: new Map(),
    offered: [],
    runOrder: [...input.ids],
    sideEffects: [],
  };
}

export function checkRecords(input: RecordCheckInput): RecordCheckResult {
  const result = checkAction(input);
  if (!input.permission) return result;
  // The role's rules, per record: a denial comes before every other reason.
  const overrides = new Map(result.overrides);
  const notes = new Map(result.notes);
  const inRun = new Set(result.runOrder);
  for (const id of inRun) {
    const fact = input.facts.get(id);
    if (!fact) continue;
    const verdict = input.permission(fact);
    if (verdict.kind === 'denied')
      overrides.set(id, {
        outcome: 'blocked',
        code: 'INSUFFICIENT_PERMISSIONS',
        reason: verdict.reason,
      });
    else if (verdict.kind === 'unknown')
      notes.set(id, [notes.get(id), verdict.reason].filter(Boolean).join(' '));
  }
  return { ...result, overrides, notes };
}
