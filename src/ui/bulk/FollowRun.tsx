/**
 * Follows runs executing in the boot frame and, once every one has ended, reads their report
 * back from the ledger. Shared by the bulk modal and the run modal (opened from the jobs panel).
 */
import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { BulkSession } from './session';
import { ProgressStep } from './ProgressStep';
import { loadReport, type FollowingStep, type ReportState } from '../../flow/bulkReport';
import { RunFollower } from '../../flow/runFollower';
import type { RunLauncher } from '../../flow/runLauncher';

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
