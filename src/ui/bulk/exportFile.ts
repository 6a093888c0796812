/** Report exports across one or more runs, and the browser download. */
import type { RunRecord } from '../../engine/runState';
import { toCsv } from '../../ledger/csv';
import { exportJson, REPORT_CSV_HEADER, reportRows } from '../../ledger/export';
import type { RunScope } from '../../runtime/keyring';

export type StoredRun = { readonly run: RunRecord; readonly ids: readonly string[] };

export function reportFile(
  runs: readonly StoredRun[],
  format: 'csv' | 'json',
  scope?: RunScope,
): { name: string; type: string; text: string } {
  const stamp = runs[0]?.run.id ?? 'run';
  if (format === 'csv') {
    const rows = runs.flatMap((r) => reportRows(r.run, r.ids));
    return {
      name: `bulk-report-${stamp}.csv`,
      type: 'text/csv',
      text: toCsv(REPORT_CSV_HEADER, rows),
    };
  }
  const docs = runs.map((r) => JSON.parse(exportJson(r.run, r.ids, scope)) as unknown);
  return {
    name: `bulk-report-${stamp}.json`,
    type: 'application/json',
    text: JSON.stringify(docs.length === 1 ? docs[0] : docs, null, 2),
  };
}

export function download(file: { name: string; type: string; text: string }): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
