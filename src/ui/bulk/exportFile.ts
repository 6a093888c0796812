/** Report exports across one or more runs, and the browser download. */
import type { RunRecord } from '../../engine/runState';
import { exportCsv, exportJson } from '../../ledger/export';

export type StoredRun = { readonly run: RunRecord; readonly ids: readonly string[] };

export function reportFile(
  runs: readonly StoredRun[],
  format: 'csv' | 'json',
): { name: string; type: string; text: string } {
  const stamp = runs[0]?.run.id ?? 'run';
  if (format === 'csv') {
    const parts = runs.map((r, i) => {
      const text = exportCsv(r.run, r.ids);
      return i === 0 ? text : text.slice(text.indexOf('\n') + 1);
    });
    return { name: `bulk-report-${stamp}.csv`, type: 'text/csv', text: parts.join('') };
  }
  const docs = runs.map((r) => JSON.parse(exportJson(r.run, r.ids)) as unknown);
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
