/** One stored error, in the shape of Fleet's /debug/errors (`{count, chain:[{message, data, stack}]}`). */
export interface StoredError {
  count: number;
  readonly chain: ReadonlyArray<{ readonly message: string; readonly data?: unknown; readonly stack?: string }>;
  last_seen: string;
}

/**
 * Recent server errors, grouped by message and first stack line, kept for `retentionMs` and capped at `max`
 * groups (oldest dropped), so a storm of one error costs one entry. Per process: each replica keeps its own,
 * which is why `fleetctl debug` targets one server at a time.
 */
export class ErrorStore {
  private readonly groups = new Map<string, StoredError>();

  constructor(private readonly retentionMs = 24 * 3600_000, private readonly max = 500, private readonly now: () => Date = () => new Date()) {}

  record(err: unknown, data?: unknown): void {
    const chain = causeChain(err).map((e) => ({ message: e.message, ...(data === undefined ? {} : { data }), stack: e.stack }));
    const key = chain.map((c) => `${c.message}@${(c.stack ?? '').split('\n')[1] ?? ''}`).join('|');
    const seen = this.now().toISOString();
    const existing = this.groups.get(key);
    if (existing) {
      existing.count += 1;
      existing.last_seen = seen;
      this.groups.delete(key);
      this.groups.set(key, existing);
    } else {
      this.groups.set(key, { count: 1, chain, last_seen: seen });
      if (this.groups.size > this.max) this.groups.delete(this.groups.keys().next().value as string);
    }
  }

  /** The retained errors, newest last; `flush` empties the store after reading. */
  list(flush = false): StoredError[] {
    const cutoff = this.now().getTime() - this.retentionMs;
    const out = [...this.groups.values()].filter((g) => Date.parse(g.last_seen) >= cutoff);
    if (flush) this.groups.clear();
    return out;
  }
}

function causeChain(err: unknown): Error[] {
  const out: Error[] = [];
  let cur: unknown = err;
  while (cur !== undefined && cur !== null && out.length < 10) {
    const e = cur instanceof Error ? cur : new Error(typeof cur === 'string' ? cur : JSON.stringify(cur));
    out.push(e);
    cur = e.cause;
  }
  return out;
}
