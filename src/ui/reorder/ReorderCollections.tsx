/**
 * "Reorder collections…": the whole upload-collection tree to rearrange (drag and drop, keyboard,
 * buttons, sorting), a preview of what moves where, then one reorder run through the bulk session
 * (progress and report are the shared steps), and Undo. Before sending, the tree is read again:
 * if it changed on the server since the modal opened, the user reloads and re-applies, or stops.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Spinner } from 'datocms-react-ui';
import { MAX_CHUNK_SIZE } from '../../cma/limits';
import { roleAllows, type RoleLike } from '../../config/permissions';
import { findAction } from '../../actions/catalog';
import { listCollections } from '../../cma/uploadCollections';
import { download, reportFile, type StoredRun } from '../bulk/exportFile';
import { counted } from '../bulk/nouns';
import { hasRetryable } from '../bulk/report';
import { ReportStep } from '../bulk/ReportStep';
import type { BulkSession } from '../bulk/session';
import type { EntityInfo } from '../bulk/entityInfo';
import { flowPolicyFor } from '../../operations/flowPolicies';
import { SortableTree } from './SortableTree';
import { changedPlacements, flatten, fromRaw, type FlatItem, type ServerCollection } from './tree';
import { cycleIn, describeChanges, reapply, staleSummary } from './treeChanges';
import s from '../bulk/bulk.module.css';
import { messageOf } from '../../engine/messageOf';
import { ACTION_ID, COLLECTION, type Conflict, type Step } from './reorderStep';
import { ReorderResultTree } from './ReorderResultTree';
import { ReorderRunProgress } from './ReorderRunProgress';
import { ReorderConflictPanel } from './ReorderConflictPanel';
import { ReorderPreviewStep } from './ReorderPreviewStep';
import { ReorderSortBar } from './ReorderSortBar';

export function ReorderCollections(props: {
  session: BulkSession;
  role: RoleLike | undefined;
  environment: string;
  /** Whether `environment` is the project's primary (live) environment. */
  primary: boolean;
  jobsInFlight: number;
  onClose: () => void;
}) {
  const { session, onClose } = props;
  // Read on every render: the host pushes a new role when the user's role changes.
  const allowed = roleAllows(props.role, findAction(ACTION_ID)!.requires, props.environment);
  const [server, setServer] = useState<ServerCollection[] | null>(null);
  const [items, setItems] = useState<FlatItem[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [step, setStep] = useState<Step>({ name: 'edit' });
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const readTree = useCallback(
    async () => fromRaw(await listCollections(session.api.client)),
    [session],
  );

  useEffect(() => {
    let live = true;
    readTree().then(
      (tree) => {
        if (!live) return;
        setServer(tree);
        setItems(flatten(tree));
      },
      (e: unknown) => live && setLoadError(`Could not read the collections: ${messageOf(e)}`),
    );
    return () => {
      live = false;
    };
  }, [readTree]);

  const changes = useMemo(() => (server ? describeChanges(server, items) : []), [server, items]);
  const entities = useMemo(
    () =>
      new Map<string, EntityInfo>(
        (server ?? []).map((c) => [c.id, { id: c.id, name: c.label, thumbnail: null }]),
      ),
    [server],
  );
  const settings = { chunkSize: MAX_CHUNK_SIZE, jobsInFlight: props.jobsInFlight };

  // Checked again on every render (the host pushes a new role), but only before the run starts:
  // a role change must not take a running run's progress or its report away.
  if (!allowed && (step.name === 'edit' || step.name === 'preview'))
    return (
      <section className={s.step} aria-labelledby="reorder-title">
        <h2 id="reorder-title" className={s.title}>
          Reorder collections
        </h2>
        <p role="alert" className={s.error} data-testid="reorder-no-permission">
          Your role cannot manage upload collections, so it cannot reorder them. Ask an
          administrator for the “Manage upload collections” permission, or to reorder them for you.
        </p>
        <div className={s.actions}>
          <Button onClick={onClose}>Close</Button>
        </div>
      </section>
    );

  if (loadError)
    return (
      <section className={s.step}>
        <p role="alert" className={s.error}>
          {loadError}
        </p>
        <div className={s.actions}>
          <Button onClick={onClose}>Close</Button>
        </div>
      </section>
    );
  if (!server) return <Spinner size={24} />;

  /** The server's tree now, or a conflict if it is not the one the edit was made on. */
  async function fresh(): Promise<boolean> {
    const now = await readTree();
    const summary = staleSummary(server!, now);
    if (!summary) return true;
    setConflict({ now, summary });
    return false;
  }

  async function toPreview() {
    setError(null);
    setBusy(true);
    try {
      if (await fresh()) setStep({ name: 'preview' });
    } catch (e) {
      setError(`Could not read the collections: ${messageOf(e)}`);
    } finally {
      setBusy(false);
    }
  }

  async function apply() {
    setError(null);
    setBusy(true);
    try {
      if (!(await fresh())) return;
      const placements = changedPlacements(server!, items);
      const loop = cycleIn(server!, placements);
      if (loop) {
        setError(
          `This arrangement would put ${entities.get(loop)?.name ?? loop} inside itself: move it elsewhere first.`,
        );
        return;
      }
      const tracker = await session.start(
        ACTION_ID,
        { placements },
        placements.map((p) => p.id),
        settings,
      );
      setStep({ name: 'progress', tracker, label: 'Reorder collections' });
    } catch (e) {
      setError(`The reorder could not start: ${messageOf(e)}`);
    } finally {
      setBusy(false);
    }
  }

  function reloadAndReapply() {
    if (!conflict || !server) return;
    const next = reapply(server, conflict.now, items);
    setServer(conflict.now);
    setItems(next);
    setConflict(null);
    setStep(
      changedPlacements(conflict.now, next).length > 0 ? { name: 'preview' } : { name: 'edit' },
    );
  }

  async function undo(runs: readonly StoredRun[]) {
    setError(null);
    setBusy(true);
    try {
      const tracker = await session.undo(
        runs.map((run) => run.run.id),
        settings,
      );
      setStep({ name: 'progress', tracker, label: 'Undo reorder collections' });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  const conflictPanel = conflict && (
    <ReorderConflictPanel summary={conflict.summary} onStop={onClose} onReload={reloadAndReapply} />
  );

  switch (step.name) {
    case 'edit':
      return (
        <section className={s.step} aria-labelledby="reorder-title" data-testid="reorder-step-edit">
          <h2 id="reorder-title" className={s.title}>
            Reorder collections
          </h2>
          <p className={s.hint} id="reorder-help">
            Drag a collection by its handle (⠿) to reorder it; drag it to the right to put it inside
            the collection above, to the left to take it out. With the keyboard: focus a handle,
            press Space, use the arrows (Right/Left change the level) and press Space again. The
            buttons on each row do the same moves.
          </p>
          <ReorderSortBar items={items} onSort={setItems} />
          <SortableTree items={items} onChange={setItems} disabled={busy} />
          <p aria-live="polite" data-testid="reorder-change-count">
            {changes.length === 0
              ? 'No changes yet.'
              : `${counted(changes.length, COLLECTION)} will change.`}
          </p>
          {conflictPanel}
          {error && (
            <p role="alert" className={s.error}>
              {error}
            </p>
          )}
          <div className={s.actions}>
            <Button buttonType="muted" onClick={onClose}>
              Cancel
            </Button>
            <Button
              buttonType="muted"
              disabled={changes.length === 0}
              onClick={() => setItems(flatten(server))}
            >
              Reset
            </Button>
            <Button
              buttonType="primary"
              disabled={changes.length === 0 || busy || !!conflict}
              onClick={() => void toPreview()}
            >
              Preview
            </Button>
          </div>
        </section>
      );
    case 'preview':
      return (
        <ReorderPreviewStep
          changes={changes}
          unchanged={items.length - changes.length}
          notice={conflictPanel}
          error={error}
          environment={{ name: props.environment, primary: props.primary }}
          canApply={!busy && !conflict && changes.length > 0}
          onBack={() => setStep({ name: 'edit' })}
          onApply={() => void apply()}
        />
      );
    case 'progress':
      return (
        <ReorderRunProgress
          tracker={step.tracker}
          label={step.label}
          session={session}
          readTree={readTree}
          onClose={onClose}
          onReport={setStep}
        />
      );
    case 'report':
      return (
        <>
          <ReportStep
            title={`${step.label}: report`}
            noun={COLLECTION}
            report={step.report}
            entities={entities}
            leftOut={[]}
            canRetry={hasRetryable(step.report)}
            canUndo={step.canUndo}
            undoNote={flowPolicyFor(ACTION_ID).undoNote ?? null}
            busy={busy}
            error={error}
            onClose={onClose}
            onExport={(format) => download(reportFile(step.runs, format))}
            onRetry={() =>
              void (async () => {
                setBusy(true);
                try {
                  const tracker = await session.retry(
                    step.runs.map((run) => run.run.id),
                    settings,
                  );
                  setStep({ name: 'progress', tracker, label: `${step.label}: retry failed` });
                } catch (e) {
                  setError(messageOf(e));
                } finally {
                  setBusy(false);
                }
              })()
            }
            onUndo={() => void undo(step.runs)}
          />
          <ReorderResultTree tree={step.tree} />
        </>
      );
  }
}
