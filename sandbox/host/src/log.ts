/**
 * The host's call log: every method a plugin frame calls on the host (and every hook the host
 * calls on the plugin), in order. Shown in the "Plugin calls" panel and exposed to tests as
 * `window.__hostLog`.
 */

export type HostLogDirection = 'plugin→host' | 'host→plugin';

export type HostLogEntry = {
  readonly seq: number;
  /** ms since the page loaded */
  readonly at: number;
  readonly dir: HostLogDirection;
  /** Which frame: `onBoot#1`, `renderModal#4` … */
  readonly frame: string;
  readonly method: string;
  /** The arguments, as plain JSON (structured-clone-safe copies). */
  readonly args: unknown[];
  /** Set when the call settles: `ok` or the error message. */
  outcome?: 'pending' | 'ok' | { error: string };
  /** The value returned, as plain JSON, for host→plugin calls. */
  result?: unknown;
};

declare global {
  interface Window {
    __hostLog: HostLogEntry[];
  }
}

type Listener = () => void;

function toJson(value: unknown): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(JSON.stringify(value)) as unknown;
  } catch {
    return String(value);
  }
}

class HostLog {
  private readonly entries: HostLogEntry[] = [];
  private readonly listeners = new Set<Listener>();
  private seq = 0;
  private snapshot: readonly HostLogEntry[] = [];

  constructor() {
    window.__hostLog = this.entries;
  }

  add(
    dir: HostLogDirection,
    frame: string,
    method: string,
    args: readonly unknown[],
  ): HostLogEntry {
    const entry: HostLogEntry = {
      seq: ++this.seq,
      at: Math.round(performance.now()),
      dir,
      frame,
      method,
      args: args.map(toJson),
      outcome: 'pending',
    };
    this.entries.push(entry);
    this.emit();
    return entry;
  }

  settle(entry: HostLogEntry, outcome: 'ok' | { error: string }, result?: unknown): void {
    entry.outcome = outcome;
    if (result !== undefined) entry.result = toJson(result);
    this.emit();
  }

  clear(): void {
    this.entries.length = 0;
    this.emit();
  }

  getSnapshot = (): readonly HostLogEntry[] => this.snapshot;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private emit(): void {
    this.snapshot = [...this.entries];
    for (const listener of this.listeners) listener();
  }
}

export const hostLog = new HostLog();
