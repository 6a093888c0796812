import { describe, expect, it } from 'vitest';
import { FakeClock } from '../engine/testing/fakeClock';
import { RateBudget } from './rateBudget';

const headers = (h: Record<string, string>) => ({ get: (n: string) => h[n.toLowerCase()] ?? null });

describe('RateBudget', () => {
  it('lets at most `capacity` requests through per window, then paces the rest', async () => {
    const clock = new FakeClock();
    const budget = new RateBudget({ clock, initialLimit: 20, windowMs: 3000, windowPaddingMs: 0 });
    const sentAt: number[] = [];
    const all = Array.from({ length: 40 }, () =>
      budget.acquire().then(() => sentAt.push(clock.now())),
    );
    await clock.run(Promise.all(all));
    expect(budget.capacity).toBe(19);
    expect(sentAt.filter((t) => t === 0)).toHaveLength(19);
    // No sliding 3 s window ever holds more than capacity.
    for (const t of sentAt)
      expect(sentAt.filter((u) => u >= t && u < t + 3000).length).toBeLessThanOrEqual(19);
  });

  it('learns the limit from X-RateLimit-Limit and counts foreign usage from Remaining', () => {
    const clock = new FakeClock();
    const budget = new RateBudget({ clock, initialLimit: 10 });
    budget.observe(200, headers({ 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '40' }));
    const s = budget.snapshot();
    expect(s.limit).toBe(60);
    expect(s.capacity).toBe(57);
    expect(s.usedInWindow).toBe(20);
  });

  it('closes for X-RateLimit-Reset seconds after a 429', async () => {
    const clock = new FakeClock();
    const budget = new RateBudget({ clock, initialLimit: 60 });
    const throttles: number[] = [];
    budget.onThrottle = (until) => throttles.push(until);
    budget.observe(429, headers({ 'x-ratelimit-reset': '2' }));
    let at = -1;
    await clock.run(budget.acquire().then(() => (at = clock.now())));
    expect(at).toBe(2000);
    expect(throttles).toEqual([2000]);
    expect(budget.snapshot().throttledResponses).toBe(1);
  });

  it('serves high-priority waiters (job polls) first', async () => {
    const clock = new FakeClock();
    const budget = new RateBudget({ clock, initialLimit: 2, reserveFraction: 0 });
    const order: string[] = [];
    // capacity = 1: the first takes the slot, the others wait for the window.
    const a = budget.acquire('normal').then(() => order.push('a'));
    const b = budget.acquire('normal').then(() => order.push('b'));
    const c = budget.acquire('high').then(() => order.push('c'));
    await clock.run(Promise.all([a, b, c]));
    expect(order).toEqual(['a', 'c', 'b']);
  });
});
