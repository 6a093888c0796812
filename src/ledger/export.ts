import { eachOutcome, type RunRecord } from '../engine/runState';

export function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One row per id: id,state,code,reason (ids still in progress show state "pending"). */
export function exportCsv(run: RunRecord, ids: readonly string[]): string {
  const lines = ['id,state,code,reason'];
  for (const [id, outcome] of eachOutcome(run, ids)) {
    const code = outcome && 'code' in outcome ? (outcome.code ?? '') : '';
    const reason = outcome && 'reason' in outcome ? outcome.reason : '';
    lines.push([id, outcome?.state ?? 'pending', code, reason].map(csvCell).join(','));
  }
  return lines.join('\n') + '\n';
}

export function exportJson(run: RunRecord, ids: readonly string[]): string {
  const items = [...eachOutcome(run, ids)].map(([id, outcome]) => ({
    id,
    ...(outcome ?? { state: 'pending' }),
  }));
  return JSON.stringify(
    {
      run: {
        id: run.id,
        operation: run.operationId,
        input: run.input,
        status: run.status,
        createdAt: new Date(run.createdAt).toISOString(),
        startedAt: run.startedAt ? new Date(run.startedAt).toISOString() : null,
        finishedAt: run.finishedAt ? new Date(run.finishedAt).toISOString() : null,
        total: run.total,
        retryOf: run.retryOf ?? null,
        undoOf: run.undoOf ?? null,
      },
      items,
    },
    null,
    2,
  );
}
