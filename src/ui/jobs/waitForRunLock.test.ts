import { describe, expect, it } from 'vitest';
import { waitForRunLock } from './waitForRunLock';

function fakeTime() {
  let t = 1_000;
  return { now: () => t, sleep: async (ms: number) => void (t += ms) };
}

describe('waitForRunLock', () => {
  it('answers at once when the lock is held', async () => {
    const time = fakeTime();
    const held = await waitForRunLock('r1', {
      locks: { heldRunIds: async () => new Set(['r1']) },
      until: time.now() + 5000,
      ...time,
    });
    expect(held).toBe(true);
    expect(time.now()).toBe(1_000);
  });

  it('waits for a lock taken during the grace', async () => {
    const time = fakeTime();
    const held = await waitForRunLock('r1', {
      locks: { heldRunIds: async () => new Set(time.now() >= 1_750 ? ['r1'] : []) },
      until: 6_000,
      pollMs: 250,
      ...time,
    });
    expect(held).toBe(true);
    expect(time.now()).toBe(1_750);
  });

  it('gives up when the grace ends without a lock, and at once when it already ended', async () => {
    const time = fakeTime();
    const locks = { heldRunIds: async () => new Set(['other']) };
    expect(await waitForRunLock('r1', { locks, until: 2_100, pollMs: 250, ...time })).toBe(false);
    expect(time.now()).toBe(2_100);
    expect(await waitForRunLock('r1', { locks, until: 0, ...time })).toBe(false);
    expect(time.now()).toBe(2_100);
  });
});
