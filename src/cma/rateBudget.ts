import type { Clock } from '../engine/clock';

export type RequestPriority = 'high' | 'normal';

export type RateBudgetOptions = {
  readonly clock: Clock;
  /** DatoCMS counts requests per 3-second window (technical-limits docs). */
  readonly windowMs?: number;
  /** Used until the first `X-RateLimit-Limit` header is seen; deliberately low. */
  readonly initialLimit?: number;
  /** Requests kept in reserve below the server's limit (absorbs latency skew and other tabs). */
  readonly reserveFraction?: number;
  /** Extra time added to the window, so a request never lands inside the server's old window. */
  readonly windowPaddingMs?: number;
};

export type RateBudgetSnapshot = {
  readonly limit: number;
  readonly capacity: number;
  readonly usedInWindow: number;
  readonly blockedUntil: number;
  readonly throttledResponses: number;
};

type Waiter = { priority: RequestPriority; seq: number; resolve: () => void };

/** Reads a header from a fetch `Headers` or a plain record, case-insensitively. */
export type HeaderSource = { get(name: string): string | null };

/**
 * A client-side model of the server's rate window. Every request acquires a slot first; responses
 * feed `X-RateLimit-*` back in. Sliding-window counting on send times is never more permissive
 * than the server's window, so staying under capacity means no 429s from our own traffic.
 */
export class RateBudget {
  private readonly clock: Clock;
  private readonly windowMs: number;
  private readonly reserveFraction: number;
  private limit: number;
  private sent: number[] = [];
  private waiters: Waiter[] = [];
  private seq = 0;
  private pumping = false;
  private blockedUntil = 0;
  private throttled = 0;
  /** Called when a 429 closes the budget, with the time it reopens. */
  onThrottle: ((until: number) => void) | undefined;

  constructor(options: RateBudgetOptions) {
    this.clock = options.clock;
    this.windowMs = (options.windowMs ?? 3000) + (options.windowPaddingMs ?? 100);
    this.limit = options.initialLimit ?? 20;
    this.reserveFraction = options.reserveFraction ?? 0.05;
  }

  get capacity(): number {
    return Math.max(1, this.limit - Math.max(1, Math.ceil(this.limit * this.reserveFraction)));
  }

  snapshot(): RateBudgetSnapshot {
    this.expire();
    return {
      limit: this.limit,
      capacity: this.capacity,
      usedInWindow: this.sent.length,
      blockedUntil: this.blockedUntil,
      throttledResponses: this.throttled,
    };
  }

  /** Resolves when a request may be sent; the slot is taken on resolution. */
  acquire(priority: RequestPriority = 'normal'): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push({ priority, seq: this.seq++, resolve });
      this.pump();
    });
  }

  /** Feeds a response's status and rate-limit headers back into the model. */
  observe(status: number, headers: HeaderSource): void {
    const limit = Number.parseInt(headers.get('x-ratelimit-limit') ?? '', 10);
    if (Number.isFinite(limit) && limit > 0) this.limit = limit;
    const remaining = Number.parseInt(headers.get('x-ratelimit-remaining') ?? '', 10);
    if (Number.isFinite(remaining) && remaining >= 0) this.syncUsage(this.limit - remaining);
    if (status === 429) {
      this.throttled++;
      const reset = Number.parseInt(headers.get('x-ratelimit-reset') ?? '', 10);
      const waitMs = (Number.isFinite(reset) && reset > 0 ? reset : 1) * 1000;
      this.blockedUntil = Math.max(this.blockedUntil, this.clock.now() + waitMs);
      this.onThrottle?.(this.blockedUntil);
    }
    this.pump();
  }

  /** The server saw more requests than we sent (other tabs, other tools): count them too. */
  private syncUsage(serverUsed: number): void {
    this.expire();
    const now = this.clock.now();
    while (this.sent.length < serverUsed) this.sent.push(now);
  }

  private expire(): void {
    const cutoff = this.clock.now() - this.windowMs;
    let drop = 0;
    while (drop < this.sent.length && this.sent[drop]! <= cutoff) drop++;
    if (drop > 0) this.sent.splice(0, drop);
  }

  /** Milliseconds until the next slot opens; 0 when one is free now. */
  private waitMs(): number {
    const now = this.clock.now();
    if (now < this.blockedUntil) return this.blockedUntil - now;
    this.expire();
    if (this.sent.length < this.capacity) return 0;
    const idx = this.sent.length - this.capacity;
    return Math.max(1, this.sent[idx]! + this.windowMs - now);
  }

  private nextWaiter(): Waiter | undefined {
    let best: Waiter | undefined;
    for (const w of this.waiters) {
      if (
        !best ||
        (w.priority === 'high' && best.priority !== 'high') ||
        (w.priority === best.priority && w.seq < best.seq)
      )
        best = w;
    }
    return best;
  }

  private pump(): void {
    if (this.pumping) return;
    while (this.waiters.length > 0) {
      const wait = this.waitMs();
      if (wait > 0) {
        this.pumping = true;
        void this.clock.sleep(wait).then(() => {
          this.pumping = false;
          this.pump();
        });
        return;
      }
      const waiter = this.nextWaiter()!;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      this.sent.push(this.clock.now());
      waiter.resolve();
    }
  }
}
