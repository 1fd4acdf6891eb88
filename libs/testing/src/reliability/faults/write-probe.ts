import type { Connection } from 'mysql2/promise';

/**
 * One extra agent that reports its uptime every `everyMs`, a number one higher at every attempt, and remembers
 * which writes the server acknowledged. Agent data goes agent → Redis stream → MySQL (hosts.uptime), so this
 * is what a Redis fault can lose; distinct values make MySQL's value name exactly the write it came from.
 */
export class WriteProbe {
  private timer: NodeJS.Timeout | undefined;
  private nodeKey = '';
  private counter = 1000;
  private busy = false;
  readonly acks: Array<{ readonly at: number; readonly value: number }> = [];
  failures = 0;

  constructor(private readonly url: string, private readonly mysql: Connection, private readonly enrollSecret: string, private readonly everyMs = 250) {}

  async start(): Promise<void> {
    const enrolled = await this.post('enroll', { enroll_secret: this.enrollSecret, host_identifier: 'reliability-probe', platform_type: '9', host_details: {} });
    this.nodeKey = typeof enrolled?.['node_key'] === 'string' ? enrolled['node_key'] : '';
    if (!this.nodeKey) throw new Error('the write probe could not enroll');
    this.timer = setInterval(() => void this.tick(), this.everyMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async post(path: string, body: unknown): Promise<Record<string, unknown> | undefined> {
    try {
      const res = await fetch(`${this.url}/api/v1/osquery/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(15_000) });
      const json = (await res.json()) as Record<string, unknown>;
      return 'error' in json || json['node_invalid'] === true ? undefined : json;
    } catch {
      return undefined;
    }
  }

  private async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    const value = ++this.counter;
    const name = 'fleet_detail_query_uptime';
    const ok = await this.post('distributed/write', { node_key: this.nodeKey, queries: { [name]: [{ total_seconds: String(value) }] }, statuses: { [name]: 0 } });
    if (ok) this.acks.push({ at: Date.now(), value });
    else this.failures++;
    this.busy = false;
  }

  /** The value MySQL holds for the probe now (null before the first write landed). */
  async stored(): Promise<number | null> {
    const [rows] = await this.mysql.query("SELECT uptime FROM hosts WHERE osquery_host_id = 'reliability-probe'");
    const v = (rows as Array<{ uptime: number | null }>)[0]?.uptime;
    return v === undefined || v === null ? null : Number(v);
  }

  /** Polls MySQL until it holds a value acknowledged at or after `since`; the ms from `since`, or null after `timeoutMs`. */
  async storedAfter(since: number, timeoutMs: number): Promise<number | null> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const first = this.acks.find((a) => a.at >= since);
      const value = first ? await this.stored().catch(() => null) : null;
      if (first && value !== null && value >= first.value) return Date.now() - since;
      await new Promise((r) => setTimeout(r, 100));
    }
    return null;
  }

  /** After stop(): whether MySQL ends up holding the last acknowledged value (waits up to `timeoutMs`). */
  async lastAcknowledgedStored(timeoutMs = 15_000): Promise<{ readonly acknowledged: number | null; readonly stored: number | null; readonly held: boolean }> {
    const last = this.acks[this.acks.length - 1]?.value ?? null;
    const deadline = Date.now() + timeoutMs;
    let stored: number | null = null;
    while (Date.now() < deadline) {
      stored = await this.stored().catch(() => null);
      if (last !== null && stored === last) return { acknowledged: last, stored, held: true };
      await new Promise((r) => setTimeout(r, 200));
    }
    return { acknowledged: last, stored, held: false };
  }
}
