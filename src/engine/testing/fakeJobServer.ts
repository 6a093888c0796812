import type { BoundOperation, VerifyResult } from '../boundOperation';
import type { Clock } from '../clock';
import { apiError } from './apiErrors';

type Job = {
  ids: readonly string[];
  doneAt: number;
  settled?: { status: number; payload: unknown };
};

export type FakeFaults = {
  /** Errors thrown by successive submit calls (undefined entries: succeed). */
  submitErrors?: (Error | undefined)[];
  pollErrors?: (Error | undefined)[];
  /** Ids each job fails (they never reach the desired state). */
  failingIds?: ReadonlySet<string>;
  /** Ids that do not exist. */
  missingIds?: ReadonlySet<string>;
  /** Job ids the server "forgets": always pending. */
  lostJobs?: number;
  /** Whole jobs fail with this status/code instead of counting. */
  failWholeJobs?: { status: number; code: string };
  /**
   * Ids the operation's guard leaves out (read at each check, so a test can add ids while the
   * run goes on). Absent: the operation has no guard.
   */
  guarded?: Set<string>;
  /** Errors thrown by successive guard checks. */
  guardErrors?: (Error | undefined)[];
};

/**
 * A tiny job server behind the BoundOperation interface: jobs take `jobMs(items)` of fake time,
 * apply their ids when first polled done, and report counts like DatoCMS does.
 */
export class FakeJobServer {
  readonly applied = new Set<string>();
  readonly jobs = new Map<string, Job>();
  submits = 0;
  /** Every id ever submitted in a bulk job or sent per item. */
  readonly sent = new Set<string>();
  guardChecks = 0;
  polls = 0;
  itemCalls = 0;
  inFlight = 0;
  maxInFlight = 0;
  private nextJob = 1;
  private lost: number;

  constructor(
    private readonly clock: Clock,
    private readonly jobMs: (items: number) => number,
    private readonly faults: FakeFaults = {},
    readonly mode: 'bulk' | 'perItem' | 'perItemNoWait' = 'bulk',
  ) {
    this.lost = faults.lostJobs ?? 0;
    const bound = this.bound as {
      mode: 'bulk' | 'perItem';
      sendOne?: BoundOperation['sendOne'];
      guard?: BoundOperation['guard'];
    };
    bound.mode = mode === 'bulk' ? 'bulk' : 'perItem';
    const guarded = faults.guarded;
    if (guarded)
      bound.guard = async (ids) => {
        this.guardChecks++;
        const err = this.faults.guardErrors?.shift();
        if (err) throw err;
        return new Map(
          ids
            .filter((id) => guarded.has(id))
            .map((id) => [id, { code: 'IN_USE', reason: 'in use' }]),
        );
      };
    // Like PUT /uploads/:id: answered at once, applied by a job that finishes later.
    if (mode === 'perItemNoWait')
      bound.sendOne = async (id) => {
        this.itemCalls++;
        this.sent.add(id);
        if (this.faults.missingIds?.has(id)) throw apiError(404, 'NOT_FOUND');
        void this.clock.sleep(this.jobMs(1)).then(() => {
          if (this.canApply(id)) this.applied.add(id);
        });
      };
  }

  private canApply(id: string) {
    return !this.faults.failingIds?.has(id) && !this.faults.missingIds?.has(id);
  }

  get op(): BoundOperation {
    return this.bound;
  }

  private readonly bound: BoundOperation = {
    mode: 'bulk',
    missingMeansDone: false,
    submit: async (ids) => {
      this.submits++;
      const err = this.faults.submitErrors?.shift();
      if (err) throw err;
      for (const i of ids) this.sent.add(i);
      const id = `job${this.nextJob++}`;
      const lost = this.lost-- > 0;
      this.jobs.set(id, {
        ids: [...ids],
        doneAt: lost ? Infinity : this.clock.now() + this.jobMs(ids.length),
      });
      this.inFlight++;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      return id;
    },
    poll: async (jobId) => {
      this.polls++;
      const err = this.faults.pollErrors?.shift();
      if (err) throw err;
      const job = this.jobs.get(jobId);
      if (!job) throw apiError(404, 'NOT_FOUND');
      if (this.clock.now() < job.doneAt) return 'pending';
      if (!job.settled) {
        this.inFlight--;
        if (this.faults.failWholeJobs) {
          job.settled = {
            status: this.faults.failWholeJobs.status,
            payload: {
              data: [{ type: 'api_error', attributes: { code: this.faults.failWholeJobs.code } }],
            },
          };
        } else {
          let ok = 0;
          for (const id of job.ids)
            if (this.canApply(id)) {
              this.applied.add(id);
              ok++;
            }
          job.settled = {
            status: 200,
            payload: { data: [], meta: { successful: ok, failed: job.ids.length - ok } },
          };
        }
      }
      return job.settled;
    },
    verify: async (ids) => {
      const out = new Map<string, VerifyResult>();
      for (const id of ids) {
        if (this.faults.missingIds?.has(id)) out.set(id, { state: 'missing' });
        else out.set(id, { state: this.applied.has(id) ? 'done' : 'not_done', current: { id } });
      }
      return out;
    },
    applyOne: async (id) => {
      this.itemCalls++;
      this.sent.add(id);
      if (this.faults.missingIds?.has(id)) throw apiError(404, 'NOT_FOUND');
      if (this.faults.failingIds?.has(id)) throw apiError(422, 'UNPUBLISHED_PARENT');
      this.applied.add(id);
    },
  };
}
