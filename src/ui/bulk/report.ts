/** The report step's rows, from a run record read back from the ledger. */
import type { ItemOutcome } from '../../engine/outcomes';
import { countOutcomes, eachOutcome, type RunCounts, type RunRecord } from '../../engine/runState';

export type ReportRow = {
  readonly id: string;
  readonly state: Exclude<ItemOutcome['state'], 'succeeded'>;
  readonly code: string;
  readonly reason: string;
};

export type RunReportView = {
  readonly counts: RunCounts;
  readonly status: RunRecord['status'];
  /** Every id that did not succeed, failed ones first. */
  readonly rows: readonly ReportRow[];
};

const ORDER: Record<ReportRow['state'], number> = { failed: 0, skipped: 1, not_run: 2 };

export function buildReport(run: RunRecord, ids: readonly string[]): RunReportView {
  const rows: ReportRow[] = [];
  for (const [id, o] of eachOutcome(run, ids)) {
    if (!o || o.state === 'succeeded') continue;
    rows.push({
      id,
      state: o.state,
      code: 'code' in o ? (o.code ?? '') : '',
      reason: o.reason,
    });
  }
  rows.sort((a, b) => ORDER[a.state] - ORDER[b.state]);
  return { counts: countOutcomes(run, ids), status: run.status, rows };
}

/** Whether "Retry failed" has anything to do (failed or not run ids). */
export function hasRetryable(report: RunReportView): boolean {
  return report.counts.failed + report.counts.not_run > 0;
}

/** One view over several runs (an undo may take several): counts add up, rows concatenate. */
export function mergeReports(reports: readonly RunReportView[]): RunReportView {
  if (reports.length === 1) return reports[0]!;
  const counts = { succeeded: 0, failed: 0, skipped: 0, not_run: 0, pending: 0, total: 0 };
  for (const r of reports)
    for (const k of Object.keys(counts) as (keyof typeof counts)[]) counts[k] += r.counts[k];
  return {
    counts,
    status: reports.some((r) => r.status === 'cancelled') ? 'cancelled' : 'done',
    rows: reports.flatMap((r) => r.rows),
  };
}
