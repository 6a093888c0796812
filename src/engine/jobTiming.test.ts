import { describe, expect, it } from 'vitest';
import { JobDurationModel, PollPlanner } from './jobTiming';

describe('JobDurationModel', () => {
  it('fits base + perItem·items from observed jobs', () => {
    const model = new JobDurationModel({ priorWeight: 0.01 });
    for (let i = 0; i < 20; i++) {
      model.record(200, 300 + 200 * 10);
      model.record(50, 300 + 50 * 10);
    }
    expect(model.expected(200)).toBeGreaterThan(2200);
    expect(model.expected(200)).toBeLessThan(2400);
    expect(model.expected(100)).toBeGreaterThan(1200);
    expect(model.expected(100)).toBeLessThan(1400);
  });

  it('stays sane when every job has the same size', () => {
    const model = new JobDurationModel();
    for (let i = 0; i < 10; i++) model.record(200, 1000);
    expect(model.expected(200)).toBeGreaterThan(900);
    expect(model.expected(200)).toBeLessThan(1100);
    expect(model.expected(20)).toBeLessThan(model.expected(200));
  });
});

describe('PollPlanner', () => {
  it('settles near one poll per job for a steady job time, never far behind the finish', () => {
    const planner = new PollPlanner();
    const trueMs = 1700;
    let polls = 0;
    let lateness = 0;
    const jobs = 60;
    for (let j = 0; j < jobs; j++) {
      let t = planner.firstDelay(200);
      let pending = 0;
      let lastPending: number | undefined;
      for (;;) {
        polls++;
        if (t >= trueMs) break;
        pending++;
        lastPending = t;
        t += planner.nextDelay(200, pending, t);
      }
      if (j === 0) expect(polls).toBeLessThanOrEqual(10); // the cold-start pilot
      if (j >= 10) lateness += t - trueMs;
      planner.recordDone(200, t, lastPending);
    }
    expect(polls / jobs).toBeLessThanOrEqual(1.6);
    // On average a finished job is noticed within 10% of its duration.
    expect(lateness / (jobs - 10)).toBeLessThan(trueMs * 0.1);
  });

  it('declares a job lost only after a generous multiple of its expected time', () => {
    const planner = new PollPlanner();
    expect(planner.lostAfter(200)).toBeGreaterThanOrEqual(120_000);
  });
});
