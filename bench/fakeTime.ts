/**
 * npm run bench:fake [-- --slots 1,2,4,8 --ids 10000 --headers hidden --jitter 0.1]
 *
 * The 10,000-asset tag workload on fake time: the real scheduler, poll planner, concurrency
 * limit and rate budget against a model of the simulator (src/engine/testing/cmaModel.ts). Runs
 * in a second instead of minutes and is exactly repeatable, so it is where the engine's timing
 * parameters were tuned; `npm run bench` checks the result against the real simulator.
 */
import { EventStream } from '../src/engine/events';
import { JobDurationModel, PollPlanner } from '../src/engine/jobTiming';
import { DEFAULT_JOBS_IN_FLIGHT } from '../src/engine/run';
import { planChunks, type RunRecord } from '../src/engine/runState';
import { executeRun, RunControl } from '../src/engine/scheduler';
import { CmaModel, mulberry32 } from '../src/engine/testing/cmaModel';
import { FakeClock } from '../src/engine/testing/fakeClock';
import { workloadBounds } from './bounds';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1]! : fallback;
};
const slotsList = option('--slots', '1,2,4,8,16').split(',').map(Number);
const n = Number(option('--ids', '10000'));
const headers = option('--headers', 'hidden') as 'hidden' | 'exposed';
const jitter = Number(option('--jitter', '0'));
const seeds = Number(option('--seeds', '3'));

export async function fakeRun(slots: number, seed: number) {
  const clock = new FakeClock();
  const random = mulberry32(seed);
  const cma = new CmaModel(clock, { slots, headers, jobJitter: jitter, random });
  const ids = Array.from({ length: n }, (_, i) => `u${i}`);
  const run: RunRecord = {
    id: 'fake',
    operationId: 'uploads.addTags',
    input: {},
    createdAt: 0,
    updatedAt: 0,
    status: 'running',
    chunkSize: 200,
    total: n,
    chunks: planChunks(n, 200),
    skippedAtResolution: {},
    before: {},
  };
  await clock.run(
    executeRun({
      run,
      ids,
      op: cma.op,
      clock,
      planner: new PollPlanner(new JobDurationModel(), { coldStartMs: 250 }),
      events: new EventStream(),
      control: new RunControl(),
      options: { jobsInFlight: DEFAULT_JOBS_IN_FLIGHT, itemConcurrency: 8, random },
      onChange: () => undefined,
      // Like add tags: each chunk is re-read (Undo snapshot) before it is submitted.
      snapshotOf: (current) => current,
    }),
  );
  const b = workloadBounds(n, slots);
  const jobs = Math.ceil(n / 200);
  return {
    wall: clock.now(),
    bound: b.bound,
    fractionalBound: b.fractional,
    polls: cma.polls / jobs,
    requests: cma.requests,
    throttled: cma.throttled,
    maxInFlight: cma.maxInFlight,
    utilisation: cma.busyMs / (clock.now() * Math.min(slots, jobs)),
    timeline: cma.timeline,
    sent: cma.sent,
    pollsPerChunk: run.chunks.map((c) => c.polls),
  };
}

if (process.argv[1]?.endsWith('fakeTime.ts')) {
  console.log(`fake time: ${n} ids, headers ${headers}, job jitter ±${jitter * 100}%`);
  for (const slots of slotsList) {
    const rs = [];
    for (let s = 1; s <= seeds; s++) rs.push(await fakeRun(slots, s));
    const f = (x: number) => x.toFixed(2);
    console.log(
      `slots ${String(slots).padStart(2)}: ` +
        rs
          .map(
            (r) =>
              `${(r.wall / 1000).toFixed(1)}s ×${f(r.wall / r.bound)} (×${f(r.wall / r.fractionalBound)} frac) polls/job ${f(r.polls)} util ${f(r.utilisation)} req ${r.requests} 429 ${r.throttled} maxQ ${r.maxInFlight}`,
          )
          .join(' | '),
    );
  }
}
