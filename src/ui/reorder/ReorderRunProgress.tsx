import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { RunFollower } from '../../flow/runFollower';
import { ProgressStep } from '../bulk/ProgressStep';
import { buildReport, mergeReports } from '../bulk/report';
import type { BulkSession } from '../bulk/session';
import type { RunTracker } from '../bulk/runTracker';
import type { ReportStepState } from './reorderStep';
import { flatten, type ServerCollection } from './tree';

/** Live progress, then the report read back from the ledger and the tree as the server has it. */
export function ReorderRunProgress(props: {
  tracker: RunTracker;
  label: string;
  session: BulkSession;
  readTree: () => Promise<ServerCollection[]>;
  onClose: () => void;
  onReport: (step: ReportStepState) => void;
}) {
  const { tracker, session, label, onReport, readTree } = props;
  const follower = useMemo(
    () =>
      new RunFollower({
        tracker,
        finishedRun: (id) => session.finishedRun(id),
        toReport: async (runs): Promise<ReportStepState> => {
          const report = mergeReports(runs.map((run) => buildReport(run.run, run.ids)));
          const isUndo = runs.some((run) => run.run.undoOf);
          const canUndo =
            !isUndo && report.counts.succeeded > 0
              ? await session.canUndo(runs.map((run) => run.run.id))
              : false;
          const tree = flatten(await readTree());
          return { name: 'report', label, runs: [...runs], report, canUndo, tree };
        },
      }),
    [tracker, session, label, readTree],
  );
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
      <ProgressStep tracker={tracker} title={label} onClose={props.onClose} />
      {error && (
        <p role="alert" data-testid="bulk-report-error">
          {error}
        </p>
      )}
    </>
  );
}
