import { EventStream, type EngineEvent } from '../events';
import { JobDurationModel, PollPlanner } from '../jobTiming';
import { planChunks, type RunRecord } from '../runState';
import { executeRun, RunControl, type SchedulerOptions } from '../scheduler';
import type { BoundOperation } from '../boundOperation';
import type { FakeClock } from './fakeClock';

export function idsOf(n: number, prefix = 'id'): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${i}`);
}

export function newRunRecord(ids: readonly string[], chunkSize: number): RunRecord {
  return {
    id: 'run-test',
    operationId: 'items.publish',
    input: {},
    createdAt: 0,
    updatedAt: 0,
    status: 'running',
    chunkSize,
    total: ids.length,
    chunks: planChunks(ids.length, chunkSize),
    skippedAtResolution: {},
  };
}

/** Runs the scheduler on fake time and collects its events. */
export async function runOnFakeTime(options: {
  clock: FakeClock;
  op: BoundOperation;
  ids: readonly string[];
  chunkSize?: number;
  scheduler?: Partial<SchedulerOptions>;
  planner?: PollPlanner;
  control?: RunControl;
  record?: RunRecord;
  beforeRun?: (control: RunControl) => void;
}) {
  const record = options.record ?? newRunRecord(options.ids, options.chunkSize ?? 200);
  const events = new EventStream();
  const seen: EngineEvent[] = [];
  events.subscribe((e) => seen.push(e));
  const control = options.control ?? new RunControl();
  options.beforeRun?.(control);
  let changes = 0;
  await options.clock.run(
    executeRun({
      run: record,
      ids: options.ids,
      op: options.op,
      clock: options.clock,
      planner: options.planner ?? new PollPlanner(new JobDurationModel()),
      events,
      control,
      options: { jobsInFlight: 4, itemConcurrency: 4, random: () => 0.5, ...options.scheduler },
      onChange: () => changes++,
    }),
  );
  return { record, events: seen, changes, control };
}
