import type { BulkActionId } from '../actions/catalog';
import type { RoleLike } from '../config/permissions';
import { MAX_CHUNK_SIZE } from '../cma/limits';
import type { EngineClient } from '../cma/engineClient';
import { listPage } from '../cma/fetchByIds';
import { DEFAULT_RETRY_POLICY, withRetry, type RetryPolicy } from '../cma/retry';
import { assertPermission } from '../config/operationPermission';
import type { BindContext } from '../operations/shared/binding';
import type { AnyOperation, InverseRun, ValidationContext } from '../operations/shared/types';
import type { Ledger } from '../ledger/ledger';
import { RunPersister } from '../ledger/ledger';
import type { Clock } from './clock';
import { EventStream } from './events';
import { JobConcurrency } from './jobConcurrency';
import { JobDurationModel, PollPlanner } from './jobTiming';
import { NOT_FOUND_SKIP, type ItemOutcome } from './outcomes';
import { countOutcomes, eachOutcome, planChunks, type RunCounts, type RunRecord } from './runState';
import { executeRun, RunControl } from './scheduler';
import {
  resolveSelection,
  type FrozenSelection,
  type Selection,
  type SelectionSource,
} from './selection';

/**
 * Where the adaptive limit of bulk jobs in flight starts (engine/jobConcurrency.ts): no source
 * says how many jobs DatoCMS runs at once, so the engine learns it; this only sets the start.
 */
export const DEFAULT_JOBS_IN_FLIGHT = 6;
export const DEFAULT_ITEM_CONCURRENCY = 8;

/** Loads an operation by id, bound to the run's clock (src/operations/loadOperation.ts). */
export type OperationLoader = (id: string, ctx: BindContext) => Promise<AnyOperation>;

export type EngineDeps = {
  readonly api: EngineClient;
  /** Passed in, so that the engine depends on the operations' types only. */
  readonly loadOperation: OperationLoader;
  readonly clock: Clock;
  readonly ledger: Ledger;
  readonly random?: () => number;
  readonly retryPolicy?: RetryPolicy;
  /** Shared across runs of a session so job timing learned once is reused. */
  readonly planner?: PollPlanner;
  /** Same, for the one-resource jobs of per-item calls (PUT /uploads/:id …). */
  readonly singleJobPlanner?: PollPlanner;
  /** Same, for the limit of bulk jobs in flight. */
  readonly concurrency?: JobConcurrency;
  readonly newId?: () => string;
};

export type RunSettings = {
  readonly chunkSize?: number;
  readonly jobsInFlight?: number;
  readonly itemConcurrency?: number;
};

export type PrepareOptions = RunSettings & {
  readonly operationId: BulkActionId;
  readonly input: unknown;
  /** A selection to resolve, or ids already frozen. */
  readonly selection: Selection | FrozenSelection;
  readonly validation?: ValidationContext;
  /** When given, the role is checked before anything is sent. */
  readonly role?: RoleLike;
  readonly environment?: string;
  /** Look explicit ids up while resolving (default false: the run finds missing ids itself). */
  readonly checkExplicitIds?: boolean;
  /** Keep per-item "before" state for Undo (default: when the operation has an inverse). */
  readonly captureBefore?: boolean;
  readonly retryOf?: string;
  readonly undoOf?: string;
};

export type RunReport = {
  readonly runId: string;
  readonly status: RunRecord['status'];
  readonly counts: RunCounts;
  readonly failures: readonly (readonly [string, ItemOutcome])[];
};

/** Timing and job slots learned by earlier runs on the same client are reused by later ones. */
const learned = new WeakMap<
  EngineClient,
  { bulk: PollPlanner; single: PollPlanner; concurrency?: JobConcurrency }
>();

function plannersOf(deps: EngineDeps) {
  let p = learned.get(deps.api);
  if (!p) {
    p = {
      // A bulk job takes hundreds of ms at least: the pilot's first poll need not come sooner.
      bulk: new PollPlanner(new JobDurationModel(), { coldStartMs: 250 }),
      single: new PollPlanner(new JobDurationModel({ priorBaseMs: 150, priorPerItemMs: 0 })),
    };
    learned.set(deps.api, p);
  }
  return { bulk: deps.planner ?? p.bulk, single: deps.singleJobPlanner ?? p.single };
}

/**
 * The client's adaptive limit of jobs in flight: created at the first run's setting, then kept
 * (what it learned about the project's job workers holds for the next runs too).
 */
function concurrencyOf(deps: EngineDeps, jobsInFlight: number): JobConcurrency {
  if (deps.concurrency) return deps.concurrency;
  plannersOf(deps);
  const p = learned.get(deps.api)!;
  p.concurrency ??= new JobConcurrency({ initial: jobsInFlight });
  return p.concurrency;
}

function bindContext(deps: EngineDeps) {
  return {
    clock: deps.clock,
    singleJobPlanner: plannersOf(deps).single,
    ...(deps.retryPolicy ? { retryPolicy: deps.retryPolicy } : {}),
  };
}

/** The stored run, or an error naming the id (resume, retry and undo all need one). */
async function loadStored(deps: EngineDeps, runId: string) {
  const stored = await deps.ledger.load(runId);
  if (!stored) throw new Error(`No run ${runId} in the ledger.`);
  return stored;
}

function isFrozen(s: Selection | FrozenSelection): s is FrozenSelection {
  return 'count' in s && 'notFound' in s;
}

function selectionSource(deps: EngineDeps, resource: 'uploads' | 'items'): SelectionSource {
  const client = deps.api.client;
  return {
    listPage: async (filter, offset, limit) => {
      const page = await listPage(client, resource, { ...filter }, offset, limit);
      return { ids: page.data.map((e) => e.id), total: page.total };
    },
    existing: async (ids) => {
      const page = await listPage(client, resource, { ids: ids.join(',') }, 0, ids.length);
      return new Set(page.data.map((e) => e.id));
    },
  };
}

function clampSettings(settings: RunSettings) {
  return {
    chunkSize: Math.min(MAX_CHUNK_SIZE, Math.max(1, settings.chunkSize ?? MAX_CHUNK_SIZE)),
    jobsInFlight: Math.min(8, Math.max(1, settings.jobsInFlight ?? DEFAULT_JOBS_IN_FLIGHT)),
    itemConcurrency: Math.max(1, settings.itemConcurrency ?? DEFAULT_ITEM_CONCURRENCY),
  };
}

/** A run ready to execute (or resumed from the ledger); the UI subscribes to `events`. */
export class BulkRun {
  readonly events = new EventStream();
  private readonly control = new RunControl();
  private readonly persister: RunPersister;
  private running: Promise<RunRecord> | undefined;

  constructor(
    private readonly deps: EngineDeps,
    readonly op: AnyOperation,
    readonly record: RunRecord,
    readonly ids: readonly string[],
    private readonly settings: ReturnType<typeof clampSettings>,
  ) {
    this.persister = new RunPersister(deps.ledger, record, () => deps.clock.now());
  }

  get id(): string {
    return this.record.id;
  }

  /** Executes the run to its end; calling it again returns the same promise. */
  start(): Promise<RunRecord> {
    this.running ??= this.execute();
    return this.running;
  }

  /** Stops new submissions; jobs already submitted run to their end and are reported. */
  cancel(): void {
    this.control.cancel();
    if (this.record.status === 'running') this.record.status = 'cancelling';
    this.persister.touch();
  }

  counts(): RunCounts {
    return countOutcomes(this.record, this.ids);
  }

  report(): RunReport {
    const failures: [string, ItemOutcome][] = [];
    for (const [id, o] of eachOutcome(this.record, this.ids))
      if (o && o.state !== 'succeeded') failures.push([id, o]);
    return { runId: this.id, status: this.record.status, counts: this.counts(), failures };
  }

  private async execute(): Promise<RunRecord> {
    const { deps } = this;
    const planner = plannersOf(deps).bulk;
    const unsubscribe = deps.api.budget.onThrottle;
    deps.api.budget.onThrottle = (until) => this.events.emit({ type: 'throttled', until });
    try {
      const input = this.record.input;
      const snapshot = this.op.snapshot;
      await executeRun({
        run: this.record,
        ids: this.ids,
        op: this.op.bind(deps.api.client, input),
        clock: deps.clock,
        planner,
        concurrency: concurrencyOf(deps, this.settings.jobsInFlight),
        events: this.events,
        control: this.control,
        options: {
          jobsInFlight: this.settings.jobsInFlight,
          itemConcurrency: this.settings.itemConcurrency,
          retryPolicy: deps.retryPolicy ?? DEFAULT_RETRY_POLICY,
          ...(deps.random ? { random: deps.random } : {}),
        },
        onChange: () => this.persister.touch(),
        saveSnapshots: (chunk, entries) => deps.ledger.saveBefore(this.record.id, chunk, entries),
        ...(snapshot && this.record.before
          ? { snapshotOf: (current: unknown) => snapshot(current as never, input) }
          : {}),
      });
    } finally {
      deps.api.budget.onThrottle = unsubscribe;
      this.persister.touch();
      await this.persister.flush();
    }
    return this.record;
  }
}

let counter = 0;
const defaultId = () => `run-${Date.now().toString(36)}-${(counter++).toString(36)}`;

/**
 * Validates input and permission (no request yet), resolves the selection into frozen ids,
 * plans the chunks and writes the run to the ledger. Nothing is changed until `start()`.
 */
export async function prepareRun(deps: EngineDeps, options: PrepareOptions): Promise<BulkRun> {
  const op = await deps.loadOperation(options.operationId, bindContext(deps));
  const input = op.validate(options.input, options.validation ?? {});
  if (options.role !== undefined) assertPermission(op, options.role, options.environment ?? 'main');
  const settings = clampSettings(options);
  const retry = <T>(fn: () => Promise<T>) =>
    withRetry(fn, { clock: deps.clock, policy: deps.retryPolicy, random: deps.random });

  let frozen: FrozenSelection;
  if (isFrozen(options.selection)) frozen = options.selection;
  else if (op.resource === 'uploadCollections') {
    const ids = [...new Set(options.selection.ids ?? [])];
    frozen = { ids, notFound: [], count: ids.length };
  } else
    frozen = await resolveSelection(options.selection, selectionSource(deps, op.resource), {
      retry,
      checkExplicitIds: options.checkExplicitIds ?? false,
    });

  const skippedAtResolution: Record<string, ItemOutcome> = {};
  for (const id of frozen.notFound) skippedAtResolution[id] = NOT_FOUND_SKIP;
  const captureBefore = options.captureBefore ?? !!op.inverse;
  const record: RunRecord = {
    id: (deps.newId ?? defaultId)(),
    operationId: op.id,
    input,
    createdAt: deps.clock.now(),
    updatedAt: deps.clock.now(),
    status: 'running',
    chunkSize: settings.chunkSize,
    total: frozen.count,
    chunks: planChunks(frozen.ids.length, settings.chunkSize),
    skippedAtResolution,
    ...(captureBefore && op.snapshot ? { before: {} } : {}),
    ...(options.retryOf ? { retryOf: options.retryOf } : {}),
    ...(options.undoOf ? { undoOf: options.undoOf } : {}),
  };
  await deps.ledger.saveIds(record.id, frozen.ids);
  await deps.ledger.save(record);
  const run = new BulkRun(deps, op, record, frozen.ids, settings);
  run.events.emit({
    type: 'planned',
    runId: record.id,
    total: record.total,
    chunks: record.chunks.length,
    skipped: frozen.notFound.length,
  });
  return run;
}

/** Reloads a run from the ledger: submitted jobs are re-polled, the rest continues. */
export async function resumeRun(
  deps: EngineDeps,
  runId: string,
  settings: RunSettings = {},
): Promise<BulkRun> {
  const stored = await loadStored(deps, runId);
  const { run, ids } = stored;
  const op = await deps.loadOperation(run.operationId, bindContext(deps));
  for (const chunk of run.chunks) {
    // Outcomes that could not be established (token rejected) are checked again.
    if (chunk.unresolved) {
      chunk.state = chunk.jobId ? 'submitted' : 'queued';
      delete chunk.outcome;
      delete chunk.exceptions;
      delete chunk.unresolved;
    } else if (
      chunk.state === 'done' &&
      chunk.outcome?.state === 'not_run' &&
      run.status !== 'cancelled'
    ) {
      // Chunks never sent because the run was interrupted are sent now.
      chunk.state = 'queued';
      delete chunk.outcome;
      delete chunk.exceptions;
    }
  }
  delete run.error;
  return new BulkRun(deps, op, run, ids, clampSettings({ chunkSize: run.chunkSize, ...settings }));
}

/** A new run over the ids that failed (or were not run) in `runId`, with the same input. */
export async function retryFailed(
  deps: EngineDeps,
  runId: string,
  settings: RunSettings = {},
): Promise<BulkRun> {
  const stored = await loadStored(deps, runId);
  const ids: string[] = [];
  for (const [id, o] of eachOutcome(stored.run, stored.ids))
    if (o?.state === 'failed' || o?.state === 'not_run') ids.push(id);
  if (ids.length === 0) throw new Error('Nothing failed in this run.');
  return prepareRun(deps, {
    ...settings,
    operationId: stored.run.operationId,
    input: stored.run.input,
    selection: { ids, notFound: [], count: ids.length },
    retryOf: runId,
    // The stored input was validated when the run was prepared; trust its collections/stages.
    validation: trustedContext(stored.run.input),
  });
}

function trustedContext(input: unknown): ValidationContext {
  const ids = new Set<string>();
  const collect = (v: unknown) => {
    if (typeof v === 'string') ids.add(v);
  };
  const i = input as { collectionId?: unknown; stageId?: unknown; placements?: unknown[] };
  collect(i?.collectionId);
  for (const p of i?.placements ?? []) {
    collect((p as { id?: unknown }).id);
    collect((p as { parent?: unknown }).parent);
  }
  return {
    collectionIds: ids,
    stageIds: new Set(typeof i?.stageId === 'string' ? [i.stageId] : []),
  };
}

/** The inverse runs of a finished run (empty when the operation has none or nothing changed). */
export async function planUndo(deps: EngineDeps, runId: string): Promise<InverseRun[]> {
  const stored = await loadStored(deps, runId);
  const op = await deps.loadOperation(stored.run.operationId, bindContext(deps));
  if (!op.inverse || !stored.run.before) return [];
  const succeeded: string[] = [];
  for (const [id, o] of eachOutcome(stored.run, stored.ids))
    if (o?.state === 'succeeded') succeeded.push(id);
  return op.inverse(stored.run.input, stored.run.before, succeeded);
}

/** Prepares the undo runs (start each one to apply it). */
export async function undoRun(
  deps: EngineDeps,
  runId: string,
  settings: RunSettings = {},
): Promise<BulkRun[]> {
  const plans = await planUndo(deps, runId);
  const runs: BulkRun[] = [];
  for (const plan of plans) {
    runs.push(
      await prepareRun(deps, {
        ...settings,
        operationId: plan.operationId,
        input: plan.input,
        selection: { ids: plan.ids, notFound: [], count: plan.ids.length },
        undoOf: runId,
        captureBefore: false,
        validation: trustedContext(plan.input),
      }),
    );
  }
  return runs;
}
