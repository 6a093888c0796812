import type { Clock } from '../clock';

type Timer = { at: number; seq: number; resolve: () => void };

/** Lets the event loop run pending promise callbacks without advancing fake time. */
export async function flushMicrotasks(rounds = 20): Promise<void> {
  // setImmediate runs after every queued promise callback: one round drains whole chains.
  const immediate = (globalThis as unknown as { setImmediate: (fn: () => void) => void })
    .setImmediate;
  for (let i = 0; i < rounds; i++) await new Promise<void>((r) => immediate(r));
}

/**
 * A manual clock for unit tests: `sleep` parks a timer; `run` flushes pending work and jumps to
 * the next timer until the awaited promise settles.
 */
export class FakeClock implements Clock {
  private time = 0;
  private seq = 0;
  private timers: Timer[] = [];

  now(): number {
    return this.time;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.timers.push({ at: this.time + Math.max(0, ms), seq: this.seq++, resolve });
    });
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Advances to the earliest timer and fires every timer due at that instant. */
  private fireNext(): boolean {
    if (this.timers.length === 0) return false;
    this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = this.timers[0]!;
    this.time = Math.max(this.time, next.at);
    const due = this.timers.filter((t) => t.at <= this.time);
    this.timers = this.timers.filter((t) => t.at > this.time);
    for (const t of due) t.resolve();
    return true;
  }

  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    await flushMicrotasks();
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers[0];
      if (!next || next.at > target) break;
      this.fireNext();
      await flushMicrotasks();
    }
    this.time = target;
  }

  /** Drives fake time until `promise` settles; fails on a deadlock (no timers, not settled). */
  async run<T>(promise: Promise<T>, maxSteps = 1_000_000): Promise<T> {
    let settled = false;
    const watched = promise.finally(() => {
      settled = true;
    });
    watched.catch(() => undefined);
    for (let step = 0; step < maxSteps; step++) {
      await flushMicrotasks();
      if (settled) return watched;
      if (!this.fireNext()) {
        await flushMicrotasks(50);
        if (settled) return watched;
        throw new Error('FakeClock.run: nothing scheduled and the promise is still pending');
      }
    }
    throw new Error('FakeClock.run: too many steps');
  }
}
