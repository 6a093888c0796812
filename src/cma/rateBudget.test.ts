import { describe, expect, it } from 'vitest';
import { FakeClock } from '../engine/testing/fakeClock';
import { RateBudget, type HeaderSource } from './rateBudget';

const headers = (h: Record<string, string>): HeaderSource => ({
  get: (n: string) => h[n.toLowerCase()] ?? null,
});

/** Sends `n` requests through the budget, each answered `latencyMs` after it left. */
async function sendAll(
  clock: FakeClock,
  budget: RateBudget,
  n: number,
  answer: (i: number) => { status: number; headers?: HeaderSource } = () => ({ status: 200 }),
  latencyMs = 20,
) {
  const sentAt: number[] = [];
  const all = Array.from({ length: n }, async (_, i) => {
    const ticket = await budget.acquire();
    sentAt.push(clock.now());
    await clock.sleep(latencyMs);
    const a = answer(i);
    budget.settle(ticket, a.status, a.headers);
  });
  await clock.run(Promise.all(all));
  return sentAt.sort((a, b) => a - b);
}

const maxInAnyWindow = (times: number[], windowMs: number) =>
  Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + windowMs).length));

describe('RateBudget', () => {
  it('without any header, uses the documented 60 per 3 s (minus a 5% reserve) from the start', async () => {
    const clock = new FakeClock();
    const budget = new RateBudget({ clock });
    const sentAt = await sendAll(clock, budget, 300);
    expect(budget.snapshot()).toMatchObject({ limit: 60, capacity: 57, headersSeen: false });
    expect(sentAt.filter((t) => t === 0)).toHaveLength(57);
    expect(maxInAnyWindow(sentAt, 3000)).toBeLessThanOrEqual(57);
    // 300 requests at 57 per (3,000 ms + answer + padding): ≥ 90% of 60 per 3 s.
    const rate = 300 / ((sentAt.at(-1)! + 20) / 3000);
    expect(rate).toBeGreaterThanOrEqual(54);
  });

  it('a slot is held until a window after the answer, not after the send', async () => {
    const clock = new FakeClock();
    const budget = new RateBudget({
      clock,
      initialLimit: 2,
      reserveFraction: 0,
      windowPaddingMs: 0,
    });
    // capacity 1: the second request waits for the first answer (1 s) plus the window.
    const sentAt = await sendAll(clock, budget, 2, () => ({ status: 200 }), 1000);
    expect(sentAt).toEqual([0, 4000]);
  });

  it('learns the limit from X-RateLimit-Limit and counts foreign usage from Remaining', async () => {
    const clock = new FakeClock();
    const budget = new RateBudget({ clock });
    const ticket = await budget.acquire();
    budget.settle(
      ticket,
      200,
      headers({ 'x-ratelimit-limit': '90', 'x-ratelimit-remaining': '60' }),
    );
    const s = budget.snapshot();
    expect(s).toMatchObject({ limit: 90, ceiling: 90, capacity: 85, headersSeen: true });
    expect(s.usedInWindow).toBe(30);
  });

  it('closes for X-RateLimit-Reset seconds after a 429 that carries headers, without lowering the limit', async () => {
    const clock = new FakeClock();
    const budget = new RateBudget({ clock });
    const throttles: number[] = [];
    budget.onThrottle = (until) => throttles.push(until);
    const first = await budget.acquire();
    budget.settle(
      first,
      429,
      headers({
        'x-ratelimit-limit': '60',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': '2',
      }),
    );
    let at = -1;
    await clock.run(budget.acquire().then(() => (at = clock.now())));
    expect(at).toBe(2000);
    expect(throttles).toEqual([2000]);
    expect(budget.snapshot()).toMatchObject({ throttledResponses: 1, limit: 60 });
  });

  it('a 429 without headers: pause 1 s, limit × 0.7 once per window, then back to 60 while saturated', async () => {
    const clock = new FakeClock();
    const budget = new RateBudget({ clock });
    // Someone else spends the token's budget: the 10th and 11th answers are 429s.
    await sendAll(clock, budget, 11, (i) => ({ status: i >= 9 ? 429 : 200 }));
    const after = budget.snapshot();
    expect(after.limit).toBe(42); // one decrease for two 429s in the same window
    expect(after.capacity).toBe(39);
    expect(after.blockedUntil).toBe(20 + 1000);
    expect(after.throttledResponses).toBe(2);
    // Saturated windows without 429s: +3 per window up to the documented 60.
    await sendAll(clock, budget, 600);
    expect(budget.snapshot().limit).toBe(60);
  });

  it('does not grow back while the budget is not fully used', async () => {
    const clock = new FakeClock();
    const budget = new RateBudget({ clock });
    await sendAll(clock, budget, 1, () => ({ status: 429 }));
    expect(budget.snapshot().limit).toBe(42);
    for (let i = 0; i < 10; i++) {
      await clock.run(clock.sleep(3000));
      await sendAll(clock, budget, 5);
    }
    expect(budget.snapshot().limit).toBe(42);
  });

  it('serves high-priority waiters (job polls) first', async () => {
    const clock = new FakeClock();
    const budget = new RateBudget({ clock, initialLimit: 2, reserveFraction: 0 });
    const order: string[] = [];
    // capacity = 1: the first takes the slot, the others wait for its answer and the window.
    const take = (name: string, p: 'normal' | 'high') =>
      budget.acquire(p).then((t) => {
        order.push(name);
        budget.settle(t, 200);
      });
    await clock.run(Promise.all([take('a', 'normal'), take('b', 'normal'), take('c', 'high')]));
    expect(order).toEqual(['a', 'c', 'b']);
  });
});
