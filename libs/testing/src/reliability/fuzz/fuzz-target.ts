import { Agent, request } from 'undici';
import type { Dispatcher } from 'undici';
import { LatencyHistogram } from '@fleet/simulator';
import type { FuzzRequest } from './fuzz-request';

/** What the server answered to one generated request. */
export interface FuzzAnswer {
  /** 0 when no HTTP answer came (connection reset, timeout). */
  readonly status: number;
  readonly ms: number;
  readonly contentType: string;
  readonly bodyStart: string;
  readonly transportError?: string;
  /** The first attempt got no answer (this error); the one on a fresh connection did. */
  readonly retriedAfter?: string;
}

/** Visible ASCII only: a header value the fuzzer made that undici would refuse to send is sent with `?` instead. */
const headerSafe = (v: string): string => v.replace(/[^\x20-\x7e]/g, '?').slice(0, 8000);

/**
 * Sends generated requests over keep-alive connections and keeps per-label counts, status histograms and
 * latency histograms. A server-sent-event stream counts as answered when its headers arrive (it never ends).
 * `timeoutMs` bounds one request, far above the invariant's bound so that a slow answer is measured, not cut.
 */
export class FuzzTarget {
  private agent: Dispatcher;
  readonly statuses = new Map<string, Map<number, number>>();
  readonly latency = new Map<string, LatencyHistogram>();
  requests = 0;
  /** Recipes of the requests on the wire now, to say what ran alongside a slow one. */
  private readonly inFlight = new Map<number, string>();
  private nextId = 0;
  private gate: Promise<void> | undefined;

  constructor(readonly baseUrl: string, private readonly connections: number, private readonly timeoutMs = 15_000) {
    this.agent = this.newAgent();
  }

  private newAgent(): Dispatcher {
    return new Agent({ connections: this.connections, keepAliveTimeout: 30_000, headersTimeout: this.timeoutMs, bodyTimeout: this.timeoutMs });
  }

  /** What is on the wire now (target: recipe). */
  concurrent(): string[] {
    return [...this.inFlight.values()];
  }

  /**
   * Sends `r` with nothing else on the wire (other senders wait), to tell a request that is slow by itself from
   * one that waited behind its neighbours.
   */
  async sendAlone(label: string, r: FuzzRequest): Promise<FuzzAnswer> {
    while (this.gate) await this.gate;
    let open!: () => void;
    this.gate = new Promise<void>((resolve) => (open = resolve));
    try {
      while (this.inFlight.size > 0) await new Promise((resolve) => setTimeout(resolve, 5));
      return await this.sendOnce(label, r, true);
    } finally {
      this.gate = undefined;
      open();
    }
  }

  /**
   * Sends once; when no HTTP answer came (the connection was reset or closed under the request), sends again on a
   * fresh connection pool, so only a request the server never answers counts as unanswered.
   */
  async send(label: string, r: FuzzRequest): Promise<FuzzAnswer> {
    const first = await this.sendOnce(label, r);
    if (first.status !== 0) return first;
    const old = this.agent;
    this.agent = this.newAgent();
    void old.close().catch(() => undefined);
    const second = await this.sendOnce(label, r);
    return second.status !== 0 ? { ...second, retriedAfter: first.transportError } : second;
  }

  private async sendOnce(label: string, r: FuzzRequest, alone = false): Promise<FuzzAnswer> {
    if (!alone) while (this.gate) await this.gate;
    this.requests++;
    const id = this.nextId++;
    this.inFlight.set(id, `${label}: ${r.recipe}`);
    const t0 = performance.now();
    let answer: FuzzAnswer;
    try {
      const headers = Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, headerSafe(v)]));
      const res = await request(`${this.baseUrl}${r.path}`, { method: r.method, headers, body: r.body, dispatcher: this.agent, signal: AbortSignal.timeout(this.timeoutMs) });
      const contentType = String(res.headers['content-type'] ?? '');
      let bodyStart = '';
      if (contentType.startsWith('text/event-stream')) {
        res.body.on('error', () => undefined);
        res.body.destroy();
      } else {
        const text = await res.body.text();
        bodyStart = text.slice(0, 300);
      }
      answer = { status: res.statusCode, ms: performance.now() - t0, contentType, bodyStart };
    } catch (err) {
      answer = { status: 0, ms: performance.now() - t0, contentType: '', bodyStart: '', transportError: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
    }
    this.inFlight.delete(id);
    let s = this.statuses.get(label);
    if (!s) this.statuses.set(label, (s = new Map<number, number>()));
    s.set(answer.status, (s.get(answer.status) ?? 0) + 1);
    let h = this.latency.get(label);
    if (!h) this.latency.set(label, (h = new LatencyHistogram()));
    h.record(answer.ms);
    return answer;
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
