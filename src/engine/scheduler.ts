import { classifyError } from '../cma/errorClass';
import { lookupBatches } from '../cma/fetchByIds';
import { bulkCounts, type JobOutcome } from '../cma/jobs';
import { DEFAULT_RETRY_POLICY, withRetry, type RetryPolicy } from '../cma/retry';
import { explainError, humanReason } from '../cma/explainError';
import type { BoundOperation, LeaveOut, VerifyResult } from './boundOperation';
import type { Clock } from './clock';
import type { EventStream } from './events';
import { JobConcurrency, type JobTicket } from './jobConcurrency';
import { lanes } from './lanes';
import type { PollPlanner } from './jobTiming';
import {
  emptyCounts,
  failed,
  NOT_FOUND_SKIP,
  notRun,
  OUTCOME_UNKNOWN,
  SUCCEEDED,
  type ItemOutcome,
  type OutcomeCounts,
} from './outcomes';
import { countOutcomes, type ChunkRecord, type RunRecord } from './runState';

export type SchedulerOptions = {
  /**
   * Where the adaptive limit of bulk jobs in flight starts when the run brings no `concurrency`
   * of its own (engine/jobConcurrency.ts): the server's job slots are learned from there.
   */
  readonly jobsInFlight: number;
  /** Concurrent per-item calls (remove tags, reconciliation); the rate budget still gates them. */
  readonly itemConcurrency: number;
  readonly retryPolicy?: RetryPolicy;
  readonly random?: () => number;
};

/** Cancel stops new submissions; jobs already submitted are followed to the end. */
export class RunControl {
  cancelled = false;
  cancel(): void {
    this.cancelled = true;
  }
}

export type RunContext = {
  readonly run: RunRecord;
  readonly ids: readonly string[];
  readonly op: BoundOperation;
  readonly clock: Clock;
  readonly planner: PollPlanner;
  /** The adaptive limit of bulk jobs in flight (shared by the runs of a client, so it stays learned). */
  readonly concurrency?: JobConcurrency;
  readonly events: EventStream;
  readonly options: SchedulerOptions;
  readonly control: RunControl;
  /** Called after every state change (the ledger persists the run). */
  readonly onChange: () => void;
  /**
   * When set, each bulk chunk is re-read right before it is submitted and this keeps, per id,
   * what Undo needs (stored in `run.before`). Per-item runs take it from their own re-read.
   */
  readonly snapshotOf?: (current: unknown) => unknown;
  /** Persists one chunk's snapshots before the chunk is submitted (the ledger). */
  readonly saveSnapshots?: (chunk: number, entries: Record<string, unknown>) => Promise<void>;
};

/**
 * Starts chunks while fewer than `concurrency.limit` are being processed (a chunk holds its place
 * from its snapshot and submit until its job is found done), and again whenever the limit grows.
 */
function dispatch(
  concurrency: JobConcurrency,
  takeNext: () => ChunkRecord | undefined,
  process: (chunk: ChunkRecord) => Promise<void>,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let active = 0;
    let failure: unknown;
    let off = () => {};
    const launch = () => {
      while (failure === undefined && active < concurrency.limit) {
        const chunk = takeNext();
        if (!chunk) break;
        active++;
        void process(chunk)
          .catch((error: unknown) => (failure ??= error))
          .finally(() => {
            active--;
            launch();
          });
      }
      if (active === 0) {
        off();
        if (failure !== undefined)
          reject(failure instanceof Error ? failure : new Error(String(failure)));
        else resolve();
      }
    };
    off = concurrency.onChange(launch);
    launch();
  });
}

/**
 * Executes (or resumes) a run: submits chunks within the job slots, polls them on the learned
 * schedule, reconciles failed jobs item by item, and leaves every id in exactly one final state.
 */
export async function executeRun(ctx: RunContext): Promise<void> {
  const { run, ids, op, clock, planner, events, options, control } = ctx;
  const concurrency = ctx.concurrency ?? new JobConcurrency({ initial: options.jobsInFlight });
  /** Our bulk jobs submitted and not yet found done, and each one's place in the queue model. */
  let jobsInFlight = 0;
  const tickets = new Map<number, JobTicket>();
  const policy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
  let fatal: unknown;
  const sessionStart = clock.now();
  let settledThisSession = 0;
  const live: OutcomeCounts & { pending: number } = { ...emptyCounts(), pending: 0 };
  {
    const c = countOutcomes(run, ids);
    Object.assign(live, c);
  }
  const reconciliations: Promise<void>[] = [];

  run.status = control.cancelled ? 'cancelling' : 'running';
  run.startedAt ??= clock.now();
  for (const chunk of run.chunks) {
    // A reload interrupted these; start them over (re-poll if a job id is known).
    if (chunk.state === 'reconciling') chunk.state = chunk.jobId ? 'submitted' : 'queued';
  }

  const stopped = () => control.cancelled || fatal !== undefined;

  const retrying = <T>(
    what: 'submit' | 'poll' | 'item' | 'verify' | 'check',
    fn: () => Promise<T>,
  ) =>
    withRetry(fn, {
      clock,
      policy,
      random: options.random,
      shouldStop: () => fatal !== undefined,
      onRetry: ({ errorClass, delayMs }) =>
        events.emit({ type: 'retrying', what, delayMs, reason: errorClass }),
    });

  const markFatal = (error: unknown) => {
    fatal ??= error;
    run.error ??= humanReason('INVALID_AUTHORIZATION_HEADER');
  };

  const emitProgress = () => {
    const elapsed = clock.now() - sessionStart;
    const rate = settledThisSession > 0 && elapsed > 0 ? settledThisSession / elapsed : 0;
    events.emit({
      type: 'progress',
      counts: { ...live, total: run.total },
      etaMs: rate > 0 ? Math.round(live.pending / rate) : null,
    });
  };

  const setState = (chunk: ChunkRecord, state: ChunkRecord['state']) => {
    chunk.state = state;
    events.emit({
      type: 'chunk',
      index: chunk.index,
      state,
      size: chunk.end - chunk.start,
      ...(chunk.jobId ? { jobId: chunk.jobId } : {}),
    });
    ctx.onChange();
  };

  const settle = (
    chunk: ChunkRecord,
    outcome: ItemOutcome,
    exceptions?: Record<string, ItemOutcome>,
    unresolved = false,
  ) => {
    if (chunk.state === 'done') return; // first settlement wins: an id never gets two states
    chunk.outcome = outcome;
    // Ids the guard left out were never sent: nothing found later changes their outcome.
    if (chunk.leftOut) exceptions = { ...exceptions, ...chunk.leftOut };
    if (exceptions && Object.keys(exceptions).length > 0) chunk.exceptions = exceptions;
    else delete chunk.exceptions;
    if (unresolved) chunk.unresolved = true;
    else delete chunk.unresolved;
    chunk.finishedAt = clock.now();
    const pairs: [string, ItemOutcome][] = [];
    for (let i = chunk.start; i < chunk.end; i++) {
      const id = ids[i]!;
      const o = chunk.exceptions?.[id] ?? outcome;
      live[o.state]++;
      live.pending--;
      pairs.push([id, o]);
    }
    settledThisSession += pairs.length;
    setState(chunk, 'done');
    events.emit({ type: 'items', outcomes: pairs });
    emitProgress();
  };

  const chunkIds = (chunk: ChunkRecord) => ids.slice(chunk.start, chunk.end);
  /** The ids of the chunk that are (or will be) sent: all but those the guard left out. */
  const sentIds = (chunk: ChunkRecord) => {
    const all = chunkIds(chunk);
    const out = chunk.leftOut;
    return out ? all.filter((id) => !out[id]) : all;
  };

  /**
   * The operation's guard, right before `candidates` are sent: returns the ids to send. The ids
   * it leaves out are recorded on the chunk (persisted before anything is sent); ids it could
   * not check fail with the check's error and are not sent. Null: the token was rejected.
   */
  const guarded = async (
    chunk: ChunkRecord,
    candidates: readonly string[],
    failures: Record<string, ItemOutcome>,
  ): Promise<string[] | null> => {
    const guard = op.guard;
    if (!guard || candidates.length === 0) return [...candidates];
    let verdicts: ReadonlyMap<string, LeaveOut>;
    try {
      verdicts = await retrying('check', () => guard(candidates));
    } catch (error) {
      if (classifyError(error) === 'auth') {
        markFatal(error);
        return null;
      }
      // Unchecked ids are not sent: sending them could do what the guard is there to prevent.
      const { code, reason } = explainError(error);
      for (const id of candidates)
        failures[id] = failed(code, `Not sent: it could not be checked first. ${reason}`);
      return [];
    }
    const send: string[] = [];
    for (const id of candidates) {
      const v = verdicts.get(id);
      if (!v) send.push(id);
      else (chunk.leftOut ??= {})[id] = { state: 'skipped', code: v.code, reason: v.reason };
    }
    if (send.length < candidates.length) ctx.onChange();
    return send;
  };

  const outcomeOfItemError = (error: unknown, missingMeansDone: boolean): ItemOutcome => {
    const cls = classifyError(error);
    if (cls === 'notFound') return missingMeansDone ? SUCCEEDED : NOT_FOUND_SKIP;
    if (cls === 'auth') {
      markFatal(error);
      return notRun('Not applied: your access token was rejected.');
    }
    const { code, reason } = explainError(error);
    return failed(code, reason);
  };

  /** Verifies a chunk and explains every id not in the desired state with a per-item call. */
  const reconcile = async (chunk: ChunkRecord): Promise<void> => {
    const list = sentIds(chunk);
    setState(chunk, 'reconciling');
    let states: Map<string, VerifyResult>;
    try {
      states = await retrying('verify', () => op.verify(list));
    } catch (error) {
      if (classifyError(error) === 'auth') markFatal(error);
      settle(chunk, failed(OUTCOME_UNKNOWN, humanReason(OUTCOME_UNKNOWN)), undefined, true);
      return;
    }
    const exceptions: Record<string, ItemOutcome> = {};
    const toExplain: string[] = [];
    for (const id of list) {
      const s = states.get(id);
      if (!s || s.state === 'missing') {
        if (!op.missingMeansDone) exceptions[id] = NOT_FOUND_SKIP;
      } else if (s.state === 'not_done') toExplain.push(id);
    }
    // A per-item call is a send too: the guard checks these ids again first.
    const explain = (await guarded(chunk, toExplain, exceptions)) ?? [];
    for (const id of toExplain)
      if (fatal !== undefined && !chunk.leftOut?.[id] && !exceptions[id])
        exceptions[id] = failed(OUTCOME_UNKNOWN, humanReason(OUTCOME_UNKNOWN));
    let next = 0;
    let unresolved = fatal !== undefined && explain.length < toExplain.length;
    await lanes(options.itemConcurrency, async () => {
      const id = explain[next++];
      if (id === undefined) return false;
      if (fatal !== undefined) {
        exceptions[id] = failed(OUTCOME_UNKNOWN, humanReason(OUTCOME_UNKNOWN));
        unresolved = true;
        return true;
      }
      try {
        await retrying('item', () => op.applyOne(id, states.get(id)?.current));
      } catch (error) {
        const o = outcomeOfItemError(error, op.missingMeansDone);
        exceptions[id] =
          o.state === 'not_run' ? failed(OUTCOME_UNKNOWN, humanReason(OUTCOME_UNKNOWN)) : o;
        if (o.state === 'not_run') unresolved = true;
      }
      return true;
    });
    settle(chunk, SUCCEEDED, exceptions, unresolved);
  };

  /** Each id's own code (from its per-item call) explains a failed job better than the job's. */
  const startReconcile = (chunk: ChunkRecord) => {
    reconciliations.push(reconcile(chunk));
  };

  type PollEnd = JobOutcome | 'lost' | { error: unknown };

  const pollUntilDone = async (chunk: ChunkRecord, learn: boolean): Promise<PollEnd> => {
    const size = sentIds(chunk).length;
    const submittedAt = chunk.submittedAt ?? clock.now();
    let pilot = false;
    let waited = false;
    if (learn) {
      while (planner.model.samples === 0 && !(pilot = planner.tryClaimPilot())) {
        waited = true;
        await planner.waitForLearning();
      }
    }
    try {
      // A job that waited for the pilot is first polled late: its finish time teaches nothing.
      return await pollLoop(chunk, size, submittedAt, learn && !waited);
    } finally {
      if (pilot && planner.model.samples === 0) planner.releasePilot();
    }
  };

  const pollLoop = async (
    chunk: ChunkRecord,
    size: number,
    submittedAt: number,
    learn: boolean,
  ): Promise<PollEnd> => {
    const ticket = tickets.get(chunk.index);
    const service = (n: number) => planner.model.expected(n);
    /** When to poll next at the earliest: the queue replay's expected finish, plus slack. */
    const expectedDue = () => {
      if (!ticket || planner.model.samples === 0) return submittedAt + planner.firstDelay(size);
      const e = concurrency.expected(ticket, service);
      return e.doneAt + planner.slack(size, e.waits);
    };
    let due = expectedDue();
    let pendingPolls = 0;
    let lastPendingAt: number | undefined;
    for (;;) {
      const wait = due - clock.now();
      if (wait > 0) await clock.sleep(wait);
      let result: JobOutcome | 'pending';
      // Certain bounds only: a poll that found the job pending saw it no earlier than it was
      // asked for; one that found it done saw it no later than its answer came back (it may
      // have waited for the rate budget in between).
      const askedAt = clock.now();
      try {
        result = await retrying('poll', () => op.poll(chunk.jobId!));
      } catch (error) {
        if (ticket) concurrency.forget(ticket);
        return { error };
      }
      chunk.polls++;
      if (result !== 'pending') {
        const doneAt = clock.now();
        let start = submittedAt;
        if (ticket) {
          concurrency.observe(ticket, { doneAt });
          start = concurrency.refit(ticket, service);
        }
        // What the job took, as the no-load time, only from jobs that did not wait for a
        // worker: a waiting job's own time rests on the fit, and errors there would compound.
        if (learn && (start <= submittedAt || lastPendingAt !== undefined))
          planner.recordDone(
            size,
            doneAt - start,
            lastPendingAt === undefined ? undefined : lastPendingAt - start,
            start > submittedAt,
          );
        return result;
      }
      pendingPolls++;
      lastPendingAt = askedAt;
      if (ticket) {
        concurrency.observe(ticket, { pendingAt: askedAt });
        concurrency.refit(ticket, service);
      }
      if (chunk.state !== 'processing') setState(chunk, 'processing');
      const elapsed = askedAt - submittedAt;
      if (elapsed > planner.lostAfter(size, expectedDue() - submittedAt)) {
        if (ticket) concurrency.forget(ticket);
        return 'lost';
      }
      // Jobs that finished meanwhile may have moved this one's expected finish: wait for it.
      due = Math.max(clock.now() + planner.nextDelay(size, pendingPolls, elapsed), expectedDue());
    }
  };

  const snapshots = new Map<number, Promise<void>>();
  /**
   * Keeps what Undo needs for each id of the chunk, once per chunk. The chunks queued right
   * behind it are read in the same request while their ids fit one lookup (short ids: 500 per
   * request), since their snapshots are wanted a moment later anyway.
   */
  const snapshot = (chunk: ChunkRecord): Promise<void> => {
    const known = snapshots.get(chunk.index);
    if (known) return known;
    const group = [chunk];
    let groupIds = chunkIds(chunk);
    for (const next of queue) {
      if (next.jobId || snapshots.has(next.index) || next === chunk) continue;
      const more = [...groupIds, ...chunkIds(next)];
      if (lookupBatches(more).length > 1) break;
      group.push(next);
      groupIds = more;
    }
    const pending = (async () => {
      try {
        const states = await retrying('verify', () => op.verify(groupIds));
        for (const member of group) {
          const entries: Record<string, unknown> = {};
          for (const id of chunkIds(member)) {
            const current = states.get(id)?.current;
            if (current !== undefined) entries[id] = ctx.snapshotOf!(current);
          }
          Object.assign(run.before!, entries);
          await ctx.saveSnapshots?.(member.index, entries).catch(() => undefined);
        }
      } catch (error) {
        // Without a snapshot the chunk is still run; only its Undo is lost.
        if (classifyError(error) === 'auth') markFatal(error);
      }
    })();
    for (const member of group) snapshots.set(member.index, pending);
    return pending;
  };

  const processBulkChunk = async (chunk: ChunkRecord): Promise<void> => {
    for (let jobAttempt = 1; ; jobAttempt++) {
      let learn = false;
      if (!chunk.jobId) {
        if (stopped()) {
          settle(chunk, notRun(stopReason()));
          return;
        }
        if (ctx.snapshotOf && run.before) {
          await snapshot(chunk);
          if (fatal !== undefined) {
            settle(chunk, notRun('Not sent: your access token was rejected.'));
            return;
          }
          // Read the chunks due next while the jobs run, so their submits need not wait: as
          // many as may start when jobs finish (the limit), at no extra request.
          let ahead = 0;
          for (const next of queue) {
            if (next.jobId) continue;
            if (ahead++ >= concurrency.limit) break;
            void snapshot(next);
          }
        }
        const unchecked: Record<string, ItemOutcome> = {};
        const send = await guarded(chunk, sentIds(chunk), unchecked);
        if (send === null) {
          settle(chunk, notRun('Not sent: your access token was rejected.'));
          return;
        }
        if (send.length === 0) {
          // Every id was left out (or could not be checked): nothing to submit.
          settle(chunk, SUCCEEDED, unchecked);
          return;
        }
        if (Object.keys(unchecked).length > 0) {
          // Ids that could not be checked fail; the rest of the chunk goes ahead without them.
          chunk.leftOut = { ...chunk.leftOut, ...unchecked };
          ctx.onChange();
        }
        let jobId: string | null;
        try {
          jobId = await retrying('submit', () => {
            chunk.submitAttempts++;
            return op.submit(send);
          });
        } catch (error) {
          if (classifyError(error) === 'auth') {
            markFatal(error);
            settle(chunk, notRun('Not sent: your access token was rejected.'));
          } else startReconcile(chunk);
          return;
        }
        chunk.submittedAt = clock.now();
        if (jobId === null) {
          settle(chunk, SUCCEEDED);
          return;
        }
        chunk.jobId = jobId;
        learn = true;
        tickets.set(
          chunk.index,
          concurrency.submitted(sentIds(chunk).length, chunk.submittedAt, ++jobsInFlight),
        );
        setState(chunk, 'submitted');
      } else jobsInFlight++; // resumed: its job is (or was) on the server
      const end = await pollUntilDone(chunk, learn);
      jobsInFlight--;
      tickets.delete(chunk.index);
      if (end === 'lost') {
        // The server forgot the job (or never ran it). Re-sending is safe: operations are idempotent.
        delete chunk.jobId;
        if (jobAttempt < 2 && !stopped()) continue;
        startReconcile(chunk);
        return;
      }
      if ('error' in end) {
        if (classifyError(end.error) === 'auth') {
          markFatal(end.error);
          settle(chunk, failed(OUTCOME_UNKNOWN, humanReason(OUTCOME_UNKNOWN)), undefined, true);
        } else startReconcile(chunk);
        return;
      }
      if (end.status >= 200 && end.status < 300) {
        const counts = bulkCounts(end.payload);
        if (counts) chunk.counts = counts;
        const size = sentIds(chunk).length;
        if (!counts || (counts.failed === 0 && counts.successful >= size)) settle(chunk, SUCCEEDED);
        else startReconcile(chunk);
      } else if (end.status >= 500 && jobAttempt < 2 && !stopped()) {
        // A job that crashed on the server: one more bulk attempt is far cheaper than
        // explaining its ids one by one (and safe: the operations are idempotent).
        delete chunk.jobId;
        continue;
      } else startReconcile(chunk);
      return;
    }
  };

  const stopReason = () =>
    fatal !== undefined
      ? 'Not sent: the run stopped because your access token was rejected.'
      : 'Cancelled before it was sent.';

  const processPerItemChunk = async (chunk: ChunkRecord): Promise<void> => {
    if (stopped()) {
      settle(chunk, notRun(stopReason()));
      return;
    }
    const list = chunkIds(chunk);
    setState(chunk, 'submitted');
    let states: Map<string, VerifyResult>;
    try {
      states = await retrying('verify', () => op.verify(list));
    } catch (error) {
      if (classifyError(error) === 'auth') {
        markFatal(error);
        settle(chunk, notRun(stopReason()));
      } else {
        const { code, reason } = explainError(error);
        settle(chunk, failed(code, reason));
      }
      return;
    }
    setState(chunk, 'processing');
    const exceptions: Record<string, ItemOutcome> = {};
    const perItemBefore: Record<string, unknown> = {};
    const work: string[] = [];
    for (const id of list) {
      const s = states.get(id);
      if (!s || s.state === 'missing') {
        if (!op.missingMeansDone) exceptions[id] = NOT_FOUND_SKIP;
      } else if (s.state === 'not_done') work.push(id);
      if (ctx.snapshotOf && run.before && s?.current !== undefined)
        perItemBefore[id] = ctx.snapshotOf(s.current);
    }
    if (ctx.snapshotOf && run.before) {
      Object.assign(run.before, perItemBefore);
      await ctx.saveSnapshots?.(chunk.index, perItemBefore).catch(() => undefined);
    }
    const send = await guarded(chunk, work, exceptions);
    if (send === null) {
      for (const id of work) if (!chunk.leftOut?.[id]) exceptions[id] = notRun(stopReason());
      settle(chunk, SUCCEEDED, exceptions);
      return;
    }
    const sendOne = op.sendOne;
    const sent: string[] = [];
    let next = 0;
    await lanes(options.itemConcurrency, async () => {
      const id = send[next++];
      if (id === undefined) return false;
      if (stopped()) {
        exceptions[id] = notRun(stopReason());
        return true;
      }
      try {
        if (sendOne) {
          await retrying('item', () => sendOne(id, states.get(id)?.current));
          sent.push(id);
        } else await retrying('item', () => op.applyOne(id, states.get(id)?.current));
      } catch (error) {
        exceptions[id] = outcomeOfItemError(error, op.missingMeansDone);
      }
      return true;
    });
    if (sent.length > 0) await confirmSent(sent, exceptions);
    settle(chunk, SUCCEEDED, exceptions);
  };

  /**
   * Items sent without waiting for their jobs: re-read them until they are in the desired state
   * (a few list calls), then explain the stragglers with the waiting per-item call.
   */
  const confirmSent = async (sent: string[], exceptions: Record<string, ItemOutcome>) => {
    let pending = sent;
    for (let round = 0, wait = 100; round < 6 && pending.length > 0; round++, wait *= 2) {
      await clock.sleep(wait);
      try {
        const states = await retrying('verify', () => op.verify(pending));
        pending = pending.filter((id) => states.get(id)?.state === 'not_done');
      } catch (error) {
        if (classifyError(error) === 'auth') markFatal(error);
        break;
      }
    }
    for (const id of pending) {
      if (fatal !== undefined) {
        exceptions[id] = failed(OUTCOME_UNKNOWN, humanReason(OUTCOME_UNKNOWN));
        continue;
      }
      try {
        await retrying('item', () => op.applyOne(id, undefined));
      } catch (error) {
        exceptions[id] = outcomeOfItemError(error, op.missingMeansDone);
      }
    }
  };

  // Chunks with a job already submitted (resume) go first: they hold server work in flight.
  const queue = run.chunks
    .filter((c) => c.state !== 'done')
    .sort((a, b) => Number(!!b.jobId) - Number(!!a.jobId) || a.index - b.index);

  const takeNext = (): ChunkRecord | undefined => {
    const i = queue.findIndex((c) => !stopped() || !!c.jobId);
    if (i < 0) return undefined;
    return queue.splice(i, 1)[0];
  };

  const process: (chunk: ChunkRecord) => Promise<void> =
    op.mode === 'bulk' ? processBulkChunk : processPerItemChunk;
  emitProgress();
  if (op.mode === 'bulk') await dispatch(concurrency, takeNext, process);
  // Per-item runs need no job slots; two chunk lanes keep the next chunk's verify overlapping.
  else
    await lanes(2, async () => {
      const chunk = takeNext();
      if (!chunk) return false;
      await process(chunk);
      return true;
    });
  await Promise.all(reconciliations);
  for (const chunk of queue) settle(chunk, notRun(stopReason()));

  run.finishedAt = clock.now();
  const counts = { ...countOutcomes(run, ids) };
  if (fatal !== undefined) {
    run.status = 'interrupted';
    ctx.onChange();
    events.emit({ type: 'failed', error: run.error ?? 'The run stopped.', counts });
  } else if (control.cancelled) {
    run.status = 'cancelled';
    ctx.onChange();
    events.emit({ type: 'cancelled', counts });
  } else {
    run.status = 'done';
    ctx.onChange();
  }
  events.emit({ type: 'done', status: run.status, counts });
}
