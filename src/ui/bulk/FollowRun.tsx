/**
 * Follows runs executing in the boot frame and, once every one has ended, reads their report
 * back from the ledger. Shared by the bulk modal and the run modal (opened from the jobs panel).
 */
import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { BulkSession } from './session';
import type { EntityInfo } from './entityInfo';
import type { PreviewModel } from './previewModel';
import { findAction } from '../../actions/catalog';
import { ProgressStep } from './ProgressStep';
import { buildReport, mergeReports, type RunReportView } from './report';
import type { StoredRun } from './exportFile';
import type { RunTracker } from './runTracker';
import { RunFollower } from '../../flow/runFollower';
import type { RunLauncher } from '../../flow/runLauncher';

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
  session: BulkSession,
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

/** Shows live progress; once every run has ended, reads the report back from the ledger. */
export function Progress(props: {
  step: FollowingStep;
  session: BulkSession;
  /** When given, the report's Undo covers the runs these retried (see RunLauncher.undo). */
  launcher?: RunLauncher;
  onClose: () => void;
  onReport: (step: ReportState) => void;
}) {
  const { step, session, launcher, onReport } = props;
  const { tracker, label, leftOut } = step;
  const follower = useMemo(
    () =>
      new RunFollower({
        tracker,
        finishedRun: (id) => session.finishedRun(id),
        toReport: (runs) => loadReport(session, runs, label, leftOut, launcher),
      }),
    [tracker, session, label, leftOut, launcher],
  );
  // No dispose on unmount: the tracker stops listening by itself once its runs have ended, and
  // the session's channel closes with the modal.
  const followed = useSyncExternalStore(follower.subscribe, follower.getSnapshot);
  // Once per report, even if the parent passes a new callback on a later render.
  const reported = useRef<unknown>(null);
  useEffect(() => {
    if (followed.state !== 'ended' || reported.current === followed) return;
    reported.current = followed;
    onReport(followed.report);
  }, [followed, onReport]);
  const error = followed.state === 'failed' ? followed.error : null;
  return (
    <>
      <ProgressStep tracker={tracker} title={step.label} onClose={props.onClose} />
      {error && (
        <p role="alert" data-testid="bulk-report-error">
          {error}
        </p>
      )}
    </>
  );
}
