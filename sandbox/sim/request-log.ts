/** What the simulator saw, for tests and benchmarks: GET /__sim/log?since=seq. */
export type LogEntry = {
  seq: number;
  time: string;
  method: string;
  path: string;
  query: Record<string, unknown>;
  /** 0 when the connection was dropped by a fault before any answer. */
  status: number;
  /** Name of the token's role, or null when the token was missing or unknown. */
  role: string | null;
  /** Environment the request acted in (X-Environment or the primary); null if never resolved. */
  environment: string | null;
  body: unknown;
  durationMs: number;
  /** Which fault shaped this answer, if any. */
  fault: string | null;
  /** Id of the job the request created, if any. */
  jobId: string | null;
};

const MAX_ENTRIES = 50_000;

export class RequestLog {
  private entries: LogEntry[] = [];
  private seq = 0;

  nextSeq(): number {
    return ++this.seq;
  }

  add(entry: LogEntry): void {
    this.entries.push(entry);
    // Old entries go first so a long `npm start` session cannot grow without bound.
    if (this.entries.length > MAX_ENTRIES)
      this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  since(seq: number): LogEntry[] {
    return this.entries.filter((entry) => entry.seq > seq).sort((a, b) => a.seq - b.seq);
  }

  clear(): void {
    this.entries = [];
  }

  get lastSeq(): number {
    return this.seq;
  }
}
