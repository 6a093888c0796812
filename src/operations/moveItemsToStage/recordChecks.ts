/** Move to stage's record check: the stage each record moves from. */
import type {
  RecordCheckInput,
  RecordCheckResult,
  RecordChecks,
} from '../shared/records/recordCheckTypes';

function checkMoveToStage(input: RecordCheckInput): RecordCheckResult {
  const names = input.stageNames ?? new Map<string, string>();
  const name = (stage: string | null) => (stage ? (names.get(stage) ?? stage) : 'no stage');
  const notes = new Map<string, string>();
  const to = input.stageId ?? '';
  for (const id of input.ids) {
    const fact = input.facts.get(id);
    if (!fact || fact.stage === to) continue;
    notes.set(id, `${name(fact.stage)} → ${name(to)}`);
  }
  return { overrides: new Map(), notes, offered: [], runOrder: [...input.ids], sideEffects: [] };
}

export const moveToStageRecordChecks: RecordChecks = { check: checkMoveToStage };
