import { eachOutcome, type RunRecord } from '../engine/runState';
import type { RunScope } from '../runtime/keyring';
import { toCsv } from './csv';

export const REPORT_CSV_HEADER = ['id', 'state', 'code', 'reason'] as const;

/** One row per id: id,state,code,reason (ids still in progress show state "pending"). */
export function reportRows(run: RunRecord, ids: readonly string[]): string[][] {
  const rows: string[][] = [];
  for (const [id, outcome] of eachOutcome(run, ids)) {
    const code = outcome && 'code' in outcome ? (outcome.code ?? '') : '';
    const reason = outcome && 'reason' in outcome ? outcome.reason : '';
    rows.push([id, outcome?.state ?? 'pending', code, reason]);
  }
  return rows;
}

export function exportCsv(run: RunRecord, ids: readonly string[]): string {
  return toCsv(REPORT_CSV_HEADER, reportRows(run, ids));
}

/** The run and every id's outcome, exact (no escaping); `scope` says where the run was made. */
export function exportJson(run: RunRecord, ids: readonly string[], scope?: RunScope): string {
  const items = [...eachOutcome(run, ids)].map(([id, outcome]) => ({
    id,
    ...(outcome ?? { state: 'pending' }),
  }));
  return JSON.stringify(
    {
      run: {
        id: run.id,
        operation: run.operationId,
        ...(scope ? { site: scope.siteId, environment: scope.environment } : {}),
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
