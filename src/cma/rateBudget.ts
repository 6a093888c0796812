import type { Clock } from '../engine/clock';

export type RequestPriority = 'high' | 'normal';

/**
 * DatoCMS: "By default the Management API enforces rate limits of 60 requests per 3 seconds.
 * Higher rate limits may apply depending on your current plan." (CMA technical limits page.)
 */
export const DOCUMENTED_RATE_LIMIT = 60;
export const DOCUMENTED_RATE_WINDOW_MS = 3000;

export type RateBudgetOptions = {
  readonly clock: Clock;
  /** DatoCMS counts requests per 3-second window (technical-limits docs). */
  readonly windowMs?: number;
  /**
   * The limit assumed until `X-RateLimit-Limit` is seen: the documented default. Nothing says
   * the API exposes its rate-limit headers to a cross-origin browser, so without them this is
   * the ceiling for the whole session (a higher plan limit cannot be learned without them).
   */
  readonly initialLimit?: number;
  /** Requests kept in reserve below the limit (other tabs, the app itself). */
  readonly reserveFraction?: number;
  /** Added to the window after each answer: covers clock granularity between us and the server. */
  readonly windowPaddingMs?: number;
  /** How long a 429 without `X-RateLimit-Reset` closes the budget. */
  readonly blindPauseMs?: number;
  /** A 429 without headers multiplies the limit by this (at most once per window). */
  readonly decreaseFactor?: number;
  /** Requests per window the limit regains per saturated window without a 429. */
  readonly increaseStep?: number;
};

export type RateBudgetSnapshot = {
  /** The limit currently assumed (lowered after 429s seen without headers). */
  readonly limit: number;
  /** What the limit can grow back to: the documented one, or X-RateLimit-Limit once seen. */
  readonly ceiling: number;
  readonly capacity: number;
  readonly usedInWindow: number;
  readonly blockedUntil: number;
  readonly throttledResponses: number;
  /** Whether any response carried X-RateLimit-Limit. */
  readonly headersSeen: boolean;
};

/** A granted slot; hand it back to `settle` when the answer (or the failure) arrives. */
export type RateTicket = { readonly sentAt: number; doneAt?: number };

type Waiter = { priority: RequestPriority; seq: number; resolve: (t: RateTicket) => void };

/** Reads a header from a fetch `Headers` or a plain record, case-insensitively. */
export type HeaderSource = { get(name: string): string | null };

const NO_HEADERS: HeaderSource = { get: () => null };

/**
 * A client-side model of the server's rate window. Every request takes a slot before it is sent
 * and keeps it until `windowMs` after its answer came back: the server counted it somewhere
 * between the two, so counting from the answer is never more permissive than the server's
 * window (fixed or sliding), and our own traffic does not cause 429s.
 *
 * The limit is the documented default until `X-RateLimit-Limit` says otherwise, and
 * `X-RateLimit-Remaining` lower than our own count (other tabs, other tools) adds phantom
 * entries. Headers may be invisible cross-origin; a 429 is then the only sign of foreign usage:
 * the limit drops multiplicatively (once per window) and grows back additively while we keep
 * using all of it without further 429s (AIMD, as TCP does with its congestion window).
 */
export class RateBudget {
  private readonly clock: Clock;
  private readonly windowMs: number;
  private readonly reserveFraction: number;
  private readonly blindPauseMs: number;
  private readonly decreaseFactor: number;
  private readonly increaseStep: number;
  private ceiling: number;
  private limit: number;
  private headersSeen = false;
  private live: RateTicket[] = [];
  private waiters: Waiter[] = [];
  private seq = 0;
  private timer = false;
  private blockedUntil = 0;
  private throttled = 0;
  private lastChangeAt = -Infinity;
  /** A request had to wait for the window since the last change of the limit. */
  private saturated = false;
  /** Called when a 429 closes the budget, with the time it reopens. */
  onThrottle: ((until: number) => void) | undefined;

  constructor(options: RateBudgetOptions) {
    this.clock = options.clock;
    this.windowMs =
      (options.windowMs ?? DOCUMENTED_RATE_WINDOW_MS) + (options.windowPaddingMs ?? 10);
    this.ceiling = options.initialLimit ?? DOCUMENTED_RATE_LIMIT;
    this.limit = this.ceiling;
    this.reserveFraction = options.reserveFraction ?? 0.05;
    this.blindPauseMs = options.blindPauseMs ?? 1000;
    this.decreaseFactor = options.decreaseFactor ?? 0.7;
    this.increaseStep = options.increaseStep ?? Math.max(1, Math.round(this.ceiling * 0.05));
  }

  get capacity(): number {
    return Math.max(1, this.limit - Math.max(1, Math.ceil(this.limit * this.reserveFraction)));
  }

  snapshot(): RateBudgetSnapshot {
    this.expire();
    return {
      limit: this.limit,
      ceiling: this.ceiling,
      capacity: this.capacity,
      usedInWindow: this.live.length,
      blockedUntil: this.blockedUntil,
      throttledResponses: this.throttled,
      headersSeen: this.headersSeen,
    };
  }

  /** Resolves when a request may be sent; the slot is taken on resolution. */
  acquire(priority: RequestPriority = 'normal'): Promise<RateTicket> {
    return new Promise((resolve) => {
      this.waiters.push({ priority, seq: this.seq++, resolve });
      this.pump();
    });
  }

  /**
   * The answer to a granted request arrived (status 0 and no headers: it failed on the way).
   * Feeds its status and rate-limit headers back into the model.
   */
  settle(ticket: RateTicket, status: number, headers: HeaderSource = NO_HEADERS): void {
    const now = this.clock.now();
    ticket.doneAt ??= now;
    const limit = Number.parseInt(headers.get('x-ratelimit-limit') ?? '', 10);
    if (Number.isFinite(limit) && limit > 0) {
      this.headersSeen = true;
      this.ceiling = limit;
      this.limit = limit;
    }
    const remaining = Number.parseInt(headers.get('x-ratelimit-remaining') ?? '', 10);
    const knowsUsage = Number.isFinite(remaining) && remaining >= 0;
    const reset = Number.parseInt(headers.get('x-ratelimit-reset') ?? '', 10);
    const resetMs = Number.isFinite(reset) && reset > 0 ? reset * 1000 : undefined;
    if (knowsUsage) this.syncUsage(this.limit - remaining, resetMs);
    if (status === 429) {
      this.throttled++;
      const waitMs = resetMs ?? this.blindPauseMs;
      this.blockedUntil = Math.max(this.blockedUntil, now + waitMs);
      // Without Remaining we cannot see who else spends the budget: spend less of it.
      if (!knowsUsage) this.decrease(now);
      this.onThrottle?.(this.blockedUntil);
    } else if (status > 0 && status < 500) this.maybeIncrease(now);
    this.pump();
  }

  /** Kept for callers that have no ticket (e.g. a response seen elsewhere). */
  observe(status: number, headers: HeaderSource): void {
    this.settle({ sentAt: this.clock.now() }, status, headers);
  }

  private decrease(now: number): void {
    if (now - this.lastChangeAt < this.windowMs) return; // one decrease per window
    this.limit = Math.max(2, Math.floor(this.limit * this.decreaseFactor));
    this.lastChangeAt = now;
    this.saturated = false;
  }

  private maybeIncrease(now: number): void {
    if (this.limit >= this.ceiling || !this.saturated) return;
    if (now - this.lastChangeAt < this.windowMs) return;
    this.limit = Math.min(this.ceiling, this.limit + this.increaseStep);
    this.lastChangeAt = now;
    this.saturated = false;
  }

  /**
   * The server saw more requests than we sent (other tabs, other tools): count them too, until
   * the server's window resets (`X-RateLimit-Reset`) or, not knowing when, for a whole window.
   */
  private syncUsage(serverUsed: number, resetMs: number | undefined): void {
    this.expire();
    const now = this.clock.now();
    const doneAt = resetMs === undefined ? now : now + resetMs - this.windowMs;
    while (this.live.length < serverUsed) this.live.push({ sentAt: now, doneAt });
  }

  private expire(): void {
    const cutoff = this.clock.now() - this.windowMs;
    if (this.live.some((t) => t.doneAt !== undefined && t.doneAt <= cutoff))
      this.live = this.live.filter((t) => t.doneAt === undefined || t.doneAt > cutoff);
  }

  /** Milliseconds until the next slot opens; 0 when one is free now; Infinity: wait for answers. */
  private waitMs(): number {
    const now = this.clock.now();
    if (now < this.blockedUntil) return this.blockedUntil - now;
    this.expire();
    if (this.live.length < this.capacity) return 0;
    this.saturated = true;
    const expiries = this.live
      .filter((t) => t.doneAt !== undefined)
      .map((t) => t.doneAt! + this.windowMs)
      .sort((a, b) => a - b);
    const needed = this.live.length - this.capacity; // index of the expiry that frees a slot
    if (needed >= expiries.length) return Infinity; // requests in flight: their answers decide
    return Math.max(1, expiries[needed]! - now);
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
    if (this.timer) return;
    while (this.waiters.length > 0) {
      const wait = this.waitMs();
      if (wait === Infinity) return; // `settle` pumps again
      if (wait > 0) {
        this.timer = true;
        void this.clock.sleep(wait).then(() => {
          this.timer = false;
          this.pump();
        });
        return;
      }
      const waiter = this.nextWaiter()!;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      const ticket: RateTicket = { sentAt: this.clock.now() };
      this.live.push(ticket);
      waiter.resolve(ticket);
    }
  }
}
