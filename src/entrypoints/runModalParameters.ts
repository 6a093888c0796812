/** What the jobs panel passes to the run modal ('bulkRun'): plain data only (postMessage). */
export type RunModalParameters = {
  runId: string;
};

export function readRunModalParameters(raw: unknown): RunModalParameters | null {
  const p = raw as Partial<RunModalParameters> | undefined;
  return p && typeof p.runId === 'string' ? { runId: p.runId } : null;
}
