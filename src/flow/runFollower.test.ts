import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../engine/runState';
import type { TrackerView } from '../ui/bulk/runTracker';
import { RunFollower } from './runFollower';

function fakeTracker() {
  let allEnded = false;
  const listeners = new Set<() => void>();
  return {
    runIds: ['a', 'b'],
    subscribe: (l: () => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    getSnapshot: () => ({ allEnded }) as TrackerView,
    end: () => {
      allEnded = true;
      for (const l of listeners) l();
    },
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('RunFollower', () => {
  it('reads the report once, after every run has ended', async () => {
    const tracker = fakeTracker();
    let reads = 0;
    const follower = new RunFollower({
      tracker,
      finishedRun: async (id) => ({ run: { id } as RunRecord, ids: [] }),
      toReport: async (runs) => {
        reads++;
        return runs.map((r) => r.run.id).join(',');
      },
    });
    let notified = 0;
    follower.subscribe(() => notified++);
    await flush();
    expect(follower.getSnapshot()).toEqual({ state: 'running' });
    tracker.end();
    tracker.end();
    await flush();
    expect(follower.getSnapshot()).toEqual({ state: 'ended', report: 'a,b' });
    expect(reads).toBe(1);
    expect(notified).toBe(1);
  });

  it('says when the report could not be read', async () => {
    const tracker = fakeTracker();
    tracker.end();
    const follower = new RunFollower({
      tracker,
      finishedRun: async () => {
        throw new Error('gone');
      },
      toReport: async () => 0,
    });
    follower.subscribe(() => {});
    await flush();
    expect(follower.getSnapshot()).toEqual({
      state: 'failed',
      error: 'Could not read the report: gone',
    });
  });
});
