import { LatencyHistogram, type LatencySummary } from './latency-histogram';

/** The agent endpoints of protocol §1.1. */
export type AgentEndpoint = 'enroll' | 'config' | 'log' | 'distributed_read' | 'distributed_write' | 'carve_begin' | 'carve_block';

export const AGENT_ENDPOINTS: readonly AgentEndpoint[] = ['enroll', 'config', 'log', 'distributed_read', 'distributed_write', 'carve_begin', 'carve_block'];

/**
 * How osquery classifies a response (§1.4): only the body decides. `http_status` errors are counted for operators
 * but do not change the agent's behaviour.
 */
export type ResponseOutcome = 'ok' | 'error_body' | 'node_invalid' | 'non_json' | 'transport';

export interface EndpointStats {
  readonly requests: number;
  /** Bodies carrying `error` (without `node_invalid`). */
  readonly errorBodies: number;
  readonly nodeInvalid: number;
  readonly nonJson: number;
  /** Connect/TLS/timeout failures: no response at all. */
  readonly transportErrors: number;
  /** Responses with HTTP status >= 400, whatever their body (osquery itself ignores the status). */
  readonly httpErrors: number;
  readonly bytesSent: number;
  readonly bytesReceived: number;
  readonly latencyMs: LatencySummary;
}

export interface LiveQueryStats {
  readonly hostsAnswered: number;
  /** ms since the simulator started, of the first and last host's first answer. */
  readonly firstAnswerMs: number;
  readonly lastAnswerMs: number;
}

export interface SimulatorStatsSnapshot {
  readonly elapsedMs: number;
  readonly hosts: { readonly total: number; readonly enrolled: number };
  readonly enrollments: number;
  readonly reenrollments: number;
  readonly endpoints: Record<AgentEndpoint, EndpointStats>;
  readonly totals: { readonly requests: number; readonly errors: number; readonly nodeInvalid: number; readonly bytesSent: number; readonly latencyMs: LatencySummary };
  readonly logs: { readonly resultLinesDelivered: number; readonly statusLinesDelivered: number; readonly linesBuffered: number };
  readonly distributed: { readonly queriesAnswered: number; readonly queriesFailed: number };
  readonly carves: { readonly started: number; readonly completed: number };
  readonly liveQueries: Record<string, LiveQueryStats>;
}

export class EndpointCounters {
  requests = 0;
  errorBodies = 0;
  nodeInvalid = 0;
  nonJson = 0;
  transportErrors = 0;
  httpErrors = 0;
  bytesSent = 0;
  bytesReceived = 0;
  readonly latency = new LatencyHistogram();

  copy(): EndpointCounters {
    return this.minus(new EndpointCounters());
  }

  minus(earlier: EndpointCounters): EndpointCounters {
    const d = new EndpointCounters();
    d.requests = this.requests - earlier.requests;
    d.errorBodies = this.errorBodies - earlier.errorBodies;
    d.nodeInvalid = this.nodeInvalid - earlier.nodeInvalid;
    d.nonJson = this.nonJson - earlier.nonJson;
    d.transportErrors = this.transportErrors - earlier.transportErrors;
    d.httpErrors = this.httpErrors - earlier.httpErrors;
    d.bytesSent = this.bytesSent - earlier.bytesSent;
    d.bytesReceived = this.bytesReceived - earlier.bytesReceived;
    d.latency.merge(this.latency.since(earlier.latency));
    return d;
  }

  stats(): EndpointStats {
    return {
      requests: this.requests, errorBodies: this.errorBodies, nodeInvalid: this.nodeInvalid, nonJson: this.nonJson, transportErrors: this.transportErrors,
      httpErrors: this.httpErrors, bytesSent: this.bytesSent, bytesReceived: this.bytesReceived, latencyMs: this.latency.summary(),
    };
  }
}

/** The endpoint counters at one moment (`SimulatorStats.mark()`), to report what happened after it. */
export interface StatsMark {
  readonly endpoints: ReadonlyMap<AgentEndpoint, EndpointCounters>;
}

/** Shared, append-only counters for one simulator run; every host reports into the same instance. */
export class SimulatorStats {
  private readonly endpoints = new Map<AgentEndpoint, EndpointCounters>(AGENT_ENDPOINTS.map((e) => [e, new EndpointCounters()]));
  private readonly liveAnswers = new Map<string, Map<string, number>>();
  enrollments = 0;
  reenrollments = 0;
  resultLinesDelivered = 0;
  statusLinesDelivered = 0;
  queriesAnswered = 0;
  queriesFailed = 0;
  carvesStarted = 0;
  carvesCompleted = 0;
  /** Sockets the shared transport opened and saw closed (by either side), for connection churn. */
  connectionsOpened = 0;
  connectionsClosed = 0;

  constructor(private readonly now: () => number = Date.now, private readonly startedAt: number = now()) {}

  recordRequest(endpoint: AgentEndpoint, r: { outcome: ResponseOutcome; latencyMs: number; bytesSent: number; bytesReceived: number; status: number; message?: string }): void {
    const c = this.endpoints.get(endpoint) as EndpointCounters;
    c.requests++;
    c.bytesSent += r.bytesSent;
    c.bytesReceived += r.bytesReceived;
    c.latency.record(r.latencyMs);
    if (r.status >= 400) c.httpErrors++;
    switch (r.outcome) {
      case 'ok':
        break;
      case 'error_body':
        c.errorBodies++;
        break;
      case 'node_invalid':
        c.nodeInvalid++;
        break;
      case 'non_json':
        c.nonJson++;
        break;
      case 'transport':
        c.transportErrors++;
        break;
    }
  }

  /**
   * Records the moment a host's answer to a live query (`fleet_distributed_query_<id>`) was delivered; only the
   * first delivery per host counts, so benchmarks can compute time-to-X%-answered.
   */
  recordLiveAnswer(queryName: string, hostKey: string): void {
    let hosts = this.liveAnswers.get(queryName);
    if (!hosts) this.liveAnswers.set(queryName, (hosts = new Map<string, number>()));
    if (!hosts.has(hostKey)) hosts.set(hostKey, this.now() - this.startedAt);
  }

  /** Sorted delivery offsets (ms since start) of every host that answered `queryName`. */
  liveAnswerTimes(queryName: string): number[] {
    return [...(this.liveAnswers.get(queryName)?.values() ?? [])].sort((a, b) => a - b);
  }

  /** Absolute epoch-ms at which each host first delivered an answer to `queryName`. */
  liveAnswerTimestamps(queryName: string): Map<string, number> {
    const hosts = this.liveAnswers.get(queryName);
    const out = new Map<string, number>();
    if (hosts) for (const [h, t] of hosts) out.set(h, t + this.startedAt);
    return out;
  }

  /** The endpoint counters now; `endpointsSince` reports each endpoint's requests after this moment only. */
  mark(): StatsMark {
    return { endpoints: new Map([...this.endpoints].map(([name, c]) => [name, c.copy()])) };
  }

  /** Each endpoint's figures for the requests recorded after `mark` (latency percentiles of those requests alone). */
  endpointsSince(mark: StatsMark): Record<AgentEndpoint, EndpointStats> {
    const out = {} as Record<AgentEndpoint, EndpointStats>;
    for (const [name, c] of this.endpoints) out[name] = c.minus(mark.endpoints.get(name) ?? new EndpointCounters()).stats();
    return out;
  }

  snapshot(hosts: { total: number; enrolled: number; linesBuffered: number }): SimulatorStatsSnapshot {
    const endpoints = {} as Record<AgentEndpoint, EndpointStats>;
    const all = new LatencyHistogram();
    let requests = 0;
    let errors = 0;
    let nodeInvalid = 0;
    let bytesSent = 0;
    for (const [name, c] of this.endpoints) {
      all.merge(c.latency);
      requests += c.requests;
      errors += c.errorBodies + c.nonJson + c.transportErrors;
      nodeInvalid += c.nodeInvalid;
      bytesSent += c.bytesSent;
      endpoints[name] = c.stats();
    }
    const liveQueries: Record<string, LiveQueryStats> = {};
    for (const name of this.liveAnswers.keys()) {
      const times = this.liveAnswerTimes(name);
      liveQueries[name] = { hostsAnswered: times.length, firstAnswerMs: times[0] ?? 0, lastAnswerMs: times[times.length - 1] ?? 0 };
    }
    return {
      elapsedMs: this.now() - this.startedAt,
      hosts: { total: hosts.total, enrolled: hosts.enrolled },
      enrollments: this.enrollments,
      reenrollments: this.reenrollments,
      endpoints,
      totals: { requests, errors, nodeInvalid, bytesSent, latencyMs: all.summary() },
      logs: { resultLinesDelivered: this.resultLinesDelivered, statusLinesDelivered: this.statusLinesDelivered, linesBuffered: hosts.linesBuffered },
      distributed: { queriesAnswered: this.queriesAnswered, queriesFailed: this.queriesFailed },
      carves: { started: this.carvesStarted, completed: this.carvesCompleted },
      liveQueries,
    };
  }
}
