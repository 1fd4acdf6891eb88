import { AgentHttpClient } from './agent-http-client';
import type { CarveOptions, HostIdentifierMode, HostIntervals, OsqueryPathPrefix } from './host-options';
import { assignPlatforms, type PlatformMix } from './platform-mix';
import { SimulatedHost } from './simulated-host';
import { SimulatorStats, type AgentEndpoint, type EndpointStats, type SimulatorStatsSnapshot, type StatsMark } from './simulator-stats';

/** Hosts booted per turn of the event loop when all start at once (fleet-simulator start). */
const START_SLICE = 100;

export interface FleetSimulatorOptions {
  readonly serverUrl: string;
  readonly enrollSecret: string;
  readonly hosts: number;
  /** Default ubuntu=50,macos=30,windows=20. */
  readonly platformMix?: PlatformMix;
  readonly caPem?: string;
  readonly insecure?: boolean;
  /** Default 1. Same seed → same fleet (hostnames, UUIDs, software). */
  readonly seed?: number;
  /** Host indexes start here, so several simulator processes can run disjoint fleets. Default 0. */
  readonly firstIndex?: number;
  /** Enrollment of all hosts is spread evenly over this period. Default 0 (all at once). */
  readonly rampMs?: number;
  /** Keep-alive sockets of the shared pool = bound on concurrent requests. Default 256. */
  readonly connections?: number;
  readonly requestTimeoutMs?: number;
  readonly pathPrefix?: OsqueryPathPrefix;
  readonly intervals?: Partial<HostIntervals>;
  readonly jitter?: number;
  readonly gzipLogs?: boolean;
  readonly nodeKeyHeader?: boolean;
  readonly hostIdentifier?: HostIdentifierMode;
  readonly loggerEventType?: boolean;
  readonly honorConfigIntervals?: boolean;
  readonly carve?: CarveOptions;
  readonly now?: () => number;
  readonly onError?: (err: unknown) => void;
}

/**
 * Runs many simulated agents from one process (Fleet's osquery-perf): one shared keep-alive pool with bounded
 * concurrency, a start ramp, jittered timers, mixed platforms, and shared stats.
 */
export class FleetSimulator {
  readonly stats: SimulatorStats;
  readonly hosts: readonly SimulatedHost[];
  private readonly client: AgentHttpClient;
  private stopping: Promise<void> | undefined;

  constructor(private readonly options: FleetSimulatorOptions) {
    const now = options.now ?? Date.now;
    this.stats = new SimulatorStats(now);
    this.client = new AgentHttpClient({
      serverUrl: options.serverUrl, caPem: options.caPem, insecure: options.insecure, connections: options.connections ?? 256,
      requestTimeoutMs: options.requestTimeoutMs, stats: this.stats,
    });
    const seed = options.seed ?? 1;
    const platforms = assignPlatforms(options.platformMix ?? { ubuntu: 50, macos: 30, windows: 20 }, options.hosts, seed);
    const first = options.firstIndex ?? 0;
    this.hosts = platforms.map((platform, i) => new SimulatedHost({
      index: first + i, platform, seed, enrollSecret: options.enrollSecret, client: this.client, stats: this.stats,
      pathPrefix: options.pathPrefix, intervals: options.intervals, jitter: options.jitter, gzipLogs: options.gzipLogs,
      nodeKeyHeader: options.nodeKeyHeader, hostIdentifier: options.hostIdentifier, loggerEventType: options.loggerEventType,
      honorConfigIntervals: options.honorConfigIntervals, carve: options.carve, now, onError: options.onError,
    }));
  }

  /**
   * Starts every host; host i boots at rampMs · i / N. Without a ramp (a storm: every agent at once) they start
   * START_SLICE per turn of the event loop. Real agents each boot on their own machine; here one process boots
   * them all, and booting them in one go kept the first agents' sockets from being served until the last agent
   * had booted (measured with 10,000 hosts: connections completed 0.39-0.49 s after the first request was sent,
   * and that wait was counted as the server's latency).
   */
  start(): void {
    const ramp = this.options.rampMs ?? 0;
    const n = this.hosts.length;
    if (ramp > 0 && n > 1) {
      this.hosts.forEach((h, i) => h.start((ramp * i) / n));
      return;
    }
    const slice = (from: number): void => {
      if (this.stopping) return;
      for (const h of this.hosts.slice(from, from + START_SLICE)) h.start(0);
      if (from + START_SLICE < n) setImmediate(() => slice(from + START_SLICE));
    };
    slice(0);
  }

  /** Stops all timers, waits for in-flight requests, then closes the pool. Safe to call twice. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await Promise.all(this.hosts.map((h) => h.stop()));
      await this.client.close();
    })();
    return this.stopping;
  }

  snapshot(): SimulatorStatsSnapshot {
    let enrolled = 0;
    let buffered = 0;
    for (const h of this.hosts) {
      if (h.currentNodeKey !== '') enrolled++;
      buffered += h.bufferedLines;
    }
    return this.stats.snapshot({ total: this.hosts.length, enrolled, linesBuffered: buffered });
  }

  /** A mark to measure from: `endpointsSince(mark)` gives each endpoint's figures for the requests after it. */
  mark(): StatsMark {
    return this.stats.mark();
  }

  endpointsSince(mark: StatsMark): Record<AgentEndpoint, EndpointStats> {
    return this.stats.endpointsSince(mark);
  }

  /**
   * ms from `sinceMs` (epoch) until `fraction` of `targetHosts` delivered an answer to live query `queryName`;
   * undefined if not reached yet.
   */
  timeToAnswered(queryName: string, fraction: number, targetHosts: number, sinceMs: number): number | undefined {
    const times = [...this.stats.liveAnswerTimestamps(queryName).values()].sort((a, b) => a - b);
    const need = Math.max(1, Math.ceil(fraction * targetHosts));
    const t = times[need - 1];
    return t === undefined ? undefined : t - sinceMs;
  }
}
