/**
 * The steps that follow runs (live progress, then the report) and how the report of runs that
 * have ended is read back: shared by the bulk modal and the run modal.
 */
import { findAction } from '../actions/catalog';
import type { EntityInfo } from '../ui/bulk/entityInfo';
import type { StoredRun } from '../ui/bulk/exportFile';
import type { PreviewModel } from '../ui/bulk/previewModel';
import { buildReport, mergeReports, type RunReportView } from '../ui/bulk/report';
import type { RunTracker } from '../ui/bulk/runTracker';
import type { BulkSession } from '../ui/bulk/session';
import type { RunLauncher } from './runLauncher';

export type FollowingStep = {
  name: 'progress';
  tracker: RunTracker;
  label: string;
  leftOut: PreviewModel['leftOut'];
};

export type ReportState = {
  name: 'report';
  label: string;
  runs: StoredRun[];
  report: RunReportView;
  entities: ReadonlyMap<string, EntityInfo>;
  leftOut: PreviewModel['leftOut'];
  canUndo: boolean;
  isUndo: boolean;
  /** How many earlier runs (the ones these retried) Undo reverts too. */
  undoAlsoCovers: number;
};

/**
 * The report of runs that have ended: merged counts and rows, names, whether Undo applies. The
 * runs' operation says where the names live (assets or records) and whether it has an inverse.
 */
export async function loadReport(
  session: Pick<BulkSession, 'entities' | 'canUndo'>,
  runs: StoredRun[],
  label: string,
  leftOut: PreviewModel['leftOut'],
  launcher?: RunLauncher,
): Promise<ReportState> {
  const first = runs[0];
  if (!first) throw new Error('There is no run to report on.');
  const report = mergeReports(runs.map((r) => buildReport(r.run, r.ids)));
  const operation = findAction(first.run.operationId);
  if (!operation) throw new Error(`Unknown operation ${first.run.operationId}.`);
  const entities =
    operation.resource === 'uploadCollections'
      ? new Map<string, EntityInfo>()
      : await session.entities(
          report.rows.map((r) => r.id).concat(leftOut.map((r) => r.id)),
          500,
          operation.resource,
        );
  const isUndo = runs.some((r) => r.run.undoOf);
  const runIds = runs.map((r) => r.run.id);
  // With a launcher, Undo covers the runs these retried too (without one, only these runs).
  const covers = launcher ? await launcher.undoCovers(runIds) : runIds;
  const canUndo =
    operation.hasInverse &&
    !isUndo &&
    (report.counts.succeeded > 0 || covers.length > runIds.length)
      ? await (launcher ?? session).canUndo(runIds)
      : false;
  const undoAlsoCovers = covers.length - runIds.length;
  return {
    name: 'report',
    label,
    runs,
    report,
    entities,
    leftOut,
    canUndo,
    isUndo,
    undoAlsoCovers,
  };
}
