import { AgentHttpClient, type AgentResponse } from './agent-http-client';
import { CarveManager } from './carve-manager';
import { type DistributedResults, emptyResults, mergeResults, runDistributedWork } from './distributed-work';
import { type HostIntervals, type OsqueryPathPrefix, type SimulatedHostOptions, DEFAULT_INTERVALS } from './host-options';
import { packPlatformNamesOf, platformTypeOf } from './host-platform';
import type { HostProfile } from './host-profile';
import { LIVE_QUERY_PREFIX, type MembershipAnswer, HostQueryAnswerer } from './host-query-answerer';
import { buildHostTables } from './host-tables';
import { SIMULATED_OSQUERY_VERSION, createHostProfile } from './host-templates';
import { HostTimers } from './host-timers';
import { LogBuffer, type LogType } from './log-buffer';
import { type LogLine, statusLine } from './log-lines';
import { type AgentConfig, intOption, parseAgentConfig } from './osquery-config';
import { ScheduledQueryRunner } from './scheduled-query-runner';
import { SeededRandom } from './seeded-random';
import type { AgentEndpoint } from './simulator-stats';

/** Decoration key carrying the per-host result-line sequence number (1, 2, 3 … without gaps). */
export const SEQUENCE_DECORATION = 'sim_seq';

type Path = 'enroll' | 'config' | 'log' | 'distributed/read' | 'distributed/write' | 'carve/begin' | 'carve/block';

/**
 * One simulated osqueryd 5.x talking the TLS remote protocol (protocol §12): enroll, config polling, the distributed
 * read/execute/write loop, the scheduler producing result logs, the buffered TLS logger and the carver.
 * Protocol failures are handled as osquery handles them (§10.2); nothing is ever thrown to the caller.
 */
export class SimulatedHost {
  readonly hostIdentifier: string;
  private readonly client: AgentHttpClient;
  private readonly ownsClient: boolean;
  private readonly intervals: HostIntervals;
  private readonly timers = new HostTimers();
  private readonly rng: SeededRandom;
  private readonly now: () => number;
  private readonly buffer = new LogBuffer();
  /** label/policy query name → what this host answered last. */
  private readonly memberships = new Map<string, MembershipAnswer>();
  private readonly seed: number;
  private readonly carves: CarveManager;
  private readonly prefix: OsqueryPathPrefix;
  private readonly jitter: number;
  private distributedMs: number;
  private loggerMs: number;
  private nodeKey = '';
  private enrolling: Promise<string> | undefined;
  private enrollCount = 0;
  private seq = 0;
  private ackedSeq = 0;
  private decorations: Record<string, string> = {};
  /** The decorators.load queries the decorations came from: osquery applies a config again only when it changed. */
  private decoratorsLoaded: string | undefined;
  private config: AgentConfig | undefined;
  private endpointOverrides: Partial<Record<Path, string>> = {};
  private readonly scheduled = new Map<string, { runner: ScheduledQueryRunner; generation: number }>();
  private generation = 0;
  private accelerateUntil = 0;
  private pending: DistributedResults = emptyResults();
  private started = false;
  private stopping: Promise<void> | undefined;

  constructor(private readonly options: SimulatedHostOptions) {
    this.now = options.now ?? Date.now;
    this.intervals = { ...DEFAULT_INTERVALS, ...options.intervals };
    this.distributedMs = this.intervals.distributedMs;
    this.loggerMs = this.intervals.loggerMs;
    this.jitter = options.jitter ?? 0.1;
    this.prefix = options.pathPrefix ?? '/api/v1/osquery';
    this.seed = options.seed ?? 1;
    this.rng = SeededRandom.derive(this.seed, 'runtime', options.platform, options.index);
    const profile = this.profile;
    this.hostIdentifier = options.hostIdentifier === 'uuid' ? profile.hardwareUuid
      : options.hostIdentifier === 'hostname' ? profile.hostname : profile.instanceId;
    if (options.client) {
      this.client = options.client;
      this.ownsClient = false;
    } else {
      if (!options.serverUrl) throw new Error('SimulatedHost needs a client or a serverUrl');
      this.client = new AgentHttpClient({ serverUrl: options.serverUrl, caPem: options.caPem, insecure: options.insecure, connections: 4, stats: options.stats });
      this.ownsClient = true;
    }
    this.carves = new CarveManager({
      rng: this.rng, timers: this.timers, nowUnix: () => this.nowUnix(),
      send: (endpoint, body) => this.post(endpoint, endpoint === 'carve_begin' ? 'carve/begin' : 'carve/block', body),
      nodeKey: () => this.ensureNodeKey(),
      blockSize: options.carve?.blockSize ?? 8192, fileBytes: options.carve?.fileBytes ?? 20_000,
      startDelayMs: options.carve?.startDelayMs ?? 1000, retryBaseMs: this.intervals.retryBaseMs, stats: options.stats,
      onError: (e) => this.reportError(e),
    });
  }

  /**
   * Every fact of the simulated machine, drawn again from its seed on each read (the same facts each time). Held
   * for every host, the facts and their tables were most of a large simulator's live heap: at 20,000 hosts its
   * major garbage collections stalled it for 150-360 ms every ~23 s, timers bunched, and the bunched check-ins
   * were counted as the server's latency. A host reads them to enroll and to answer queries, rarely.
   */
  get profile(): HostProfile {
    return createHostProfile({ index: this.options.index, platform: this.options.platform, seed: this.seed });
  }

  /** Answers queries over freshly drawn facts; kept only while one batch of queries is answered. */
  private answerer(): HostQueryAnswerer {
    const profile = this.profile;
    const tables = buildHostTables(profile, { nowUnix: () => this.nowUnix(), flags: () => this.flags(), carveRows: () => this.carves.rows() });
    return new HostQueryAnswerer(profile, tables, this.carves, this.now, this.memberships);
  }

  /** The current node key ('' before enrollment or after `node_invalid`). */
  get currentNodeKey(): string {
    return this.nodeKey;
  }

  /** Successful enrollments so far (> 1 means the host re-enrolled). */
  get enrollments(): number {
    return this.enrollCount;
  }

  /** Highest sequence number stamped on a result line so far. */
  get lastSequence(): number {
    return this.seq;
  }

  /**
   * Highest sequence number of a result line the server acknowledged. Lines leave the buffer in order, so every
   * line from 1 to this number was acknowledged and nothing above it was: reliability tests compare it with what
   * reached the log destination to count lost lines exactly.
   */
  get acknowledgedSequence(): number {
    return this.ackedSeq;
  }

  get bufferedLines(): number {
    return this.buffer.size;
  }

  /** label/policy query name → what this host answered last. */
  get membershipAnswers(): ReadonlyMap<string, MembershipAnswer> {
    return this.memberships;
  }

  get scheduledQueryNames(): string[] {
    return [...this.scheduled.keys()];
  }

  /** Starts the agent: enroll, first config, then the distributed, logger and config-refresh loops. Idempotent. */
  start(delayMs = 0): void {
    if (this.started) return;
    this.started = true;
    this.timers.after(delayMs, () => this.boot(), (e) => this.reportError(e));
  }

  /** Cancels all timers and waits for in-flight requests; closes the transport only if the host created it. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await this.timers.stop();
      if (this.ownsClient) await this.client.close();
    })();
    return this.stopping;
  }

  /** Queues a status log line, as osquery's glog sink does for every status message (§4.3). */
  logStatus(severity: 0 | 1 | 2, filename: string, line: number, message: string): void {
    this.buffer.push('status', statusLine({
      hostIdentifier: this.hostIdentifier, unixTime: this.nowUnix(), severity, filename, line, message,
      version: SIMULATED_OSQUERY_VERSION, decorations: { ...this.decorations },
    }));
  }

  private async boot(): Promise<void> {
    if ((await this.ensureNodeKey()) === '') return;
    this.logStatus(0, 'init.cpp', 406, `osquery initialized [version=${SIMULATED_OSQUERY_VERSION}]`);
    const configured = await this.refreshConfig();
    this.scheduleConfigRefresh(configured ? this.intervals.configRefreshMs : this.intervals.configAcceleratedRefreshMs);
    this.timers.run(() => this.distributedTick(), (e) => this.reportError(e));
    this.timers.after(this.jittered(this.loggerMs), () => this.loggerTick(), (e) => this.reportError(e));
  }

  // ---- enrollment (§2, §1.5) ----

  /** Returns the cached node key or enrolls (one enrollment at a time); '' only when stopped before success. */
  async ensureNodeKey(): Promise<string> {
    if (this.nodeKey !== '') return this.nodeKey;
    this.enrolling ??= this.enrollLoop().finally(() => (this.enrolling = undefined));
    return this.enrolling;
  }

  private async enrollLoop(): Promise<string> {
    for (let step = 1; !this.timers.isStopped; step++) {
      const res = await this.client.post({ endpoint: 'enroll', path: this.path('enroll'), body: this.enrollBody() });
      // The enroll plugin ignores node_invalid/error: only a non-empty string `node_key` (or `id`) counts (§2.2).
      const key = typeof res.body['node_key'] === 'string' ? res.body['node_key'] : typeof res.body['id'] === 'string' ? res.body['id'] : '';
      if (key !== '') {
        this.nodeKey = key;
        this.enrollCount++;
        if (this.options.stats) {
          this.options.stats.enrollments++;
          if (this.enrollCount > 1) this.options.stats.reenrollments++;
        }
        return key;
      }
      const waitMs = Math.min(step * step * this.intervals.retryBaseMs, this.intervals.enrollMaxIntervalMs);
      if (!(await this.timers.sleep(waitMs))) break;
    }
    return '';
  }

  private enrollBody(): Record<string, unknown> {
    const p = this.profile;
    return {
      enroll_secret: this.options.enrollSecret.trim(),
      host_identifier: this.hostIdentifier,
      platform_type: platformTypeOf(p.platform),
      // std::set order: alphabetical table names, first row of each, every value a string (§2.1).
      host_details: { os_version: { ...p.osVersion }, osquery_info: { ...p.osqueryInfo }, platform_info: { ...p.platformInfo }, system_info: { ...p.systemInfo } },
    };
  }

  // ---- transport helpers ----

  private path(p: Path): string {
    return this.endpointOverrides[p] ?? `${this.prefix}/${p}`;
  }

  private async post(endpoint: AgentEndpoint, p: Path, body: unknown, gzip = false): Promise<AgentResponse> {
    return this.client.post({
      endpoint, path: this.path(p), body, gzip,
      ...(this.options.nodeKeyHeader === true && this.nodeKey !== '' ? { nodeKeyHeader: this.nodeKey } : {}),
    });
  }

  /**
   * TLSRequestHelper::go with `attempts` tries and i² s sleeps: every attempt first obtains a node key (re-enrolling
   * after node_invalid, §1.5). Returns the last response; undefined when stopped.
   */
  private async requestWithKey(endpoint: AgentEndpoint, p: Path, body: (key: string) => Record<string, unknown>, attempts: number, gzip = false): Promise<AgentResponse | undefined> {
    let last: AgentResponse | undefined;
    for (let i = 1; i <= attempts; i++) {
      const key = await this.ensureNodeKey();
      if (this.timers.isStopped) return last;
      last = await this.post(endpoint, p, body(key), gzip);
      if (last.outcome === 'ok') return last;
      this.onFailure(last);
      if (i < attempts && !(await this.timers.sleep(i * i * this.intervals.retryBaseMs))) return last;
    }
    return last;
  }

  private onFailure(res: AgentResponse): void {
    if (res.outcome === 'node_invalid') this.nodeKey = '';
  }

  // ---- config (§3) ----

  private async refreshConfig(): Promise<boolean> {
    const res = await this.requestWithKey('config', 'config', (key) => ({ node_key: key }), 3);
    if (!res || res.outcome !== 'ok') return false;
    this.applyConfig(parseAgentConfig(res.body, packPlatformNamesOf(this.options.platform)));
    return true;
  }

  private scheduleConfigRefresh(ms: number): void {
    this.timers.after(this.jittered(ms), async () => {
      const ok = await this.refreshConfig();
      this.scheduleConfigRefresh(ok ? this.intervals.configRefreshMs : this.intervals.configAcceleratedRefreshMs);
    }, (e) => this.reportError(e));
  }

  private applyConfig(config: AgentConfig): void {
    this.config = config;
    const o = config.options;
    if (this.options.honorConfigIntervals !== false) {
      const d = intOption(o, 'distributed_interval');
      const l = intOption(o, 'logger_tls_period');
      if (d !== undefined) this.distributedMs = d * 1000;
      if (l !== undefined) this.loggerMs = l * 1000;
    }
    const endpoint = (key: string): string | undefined => (typeof o[key] === 'string' && o[key].startsWith('/') ? o[key] : undefined);
    this.endpointOverrides = {
      ...(endpoint('logger_tls_endpoint') ? { log: endpoint('logger_tls_endpoint') } : {}),
      ...(endpoint('distributed_tls_read_endpoint') ? { 'distributed/read': endpoint('distributed_tls_read_endpoint') } : {}),
      ...(endpoint('distributed_tls_write_endpoint') ? { 'distributed/write': endpoint('distributed_tls_write_endpoint') } : {}),
    };
    const decorators = config.decoratorsLoad.join('\n');
    if (decorators !== this.decoratorsLoaded) {
      this.decorations = this.runDecorators(config.decoratorsLoad);
      this.decoratorsLoaded = decorators;
    }
    this.reconcileSchedule(config);
  }

  /** decorators.load: each query's first row becomes decoration keys (values as strings). */
  private runDecorators(queries: readonly string[]): Record<string, string> {
    const out: Record<string, string> = {};
    if (queries.length === 0) return out;
    const answerer = this.answerer();
    for (const sql of queries) {
      const r = answerer.evaluate(sql);
      if (r.ok && r.rows[0]) Object.assign(out, r.rows[0]);
    }
    return out;
  }

  // ---- scheduler (§4.2, §10.3.5) ----

  private reconcileSchedule(config: AgentConfig): void {
    const generation = ++this.generation;
    for (const spec of config.schedule) {
      const existing = this.scheduled.get(spec.name);
      const same = existing && existing.runner.spec.sql === spec.sql && existing.runner.spec.intervalSec === spec.intervalSec
        && existing.runner.spec.snapshot === spec.snapshot && existing.runner.spec.removed === spec.removed;
      if (existing && same) {
        existing.generation = generation;
        continue;
      }
      const runner = existing ? existing.runner.withSpec(spec) : new ScheduledQueryRunner(spec);
      const entry = { runner, generation };
      this.scheduled.set(spec.name, entry);
      const periodMs = spec.intervalSec * this.intervals.scheduleSecondMs;
      // First run lands somewhere within one interval, like osquery's wall-clock aligned scheduler.
      this.scheduleRun(spec.name, entry, this.rng.next() * periodMs);
    }
    for (const [name, entry] of this.scheduled) if (entry.generation !== generation) this.scheduled.delete(name);
  }

  private scheduleRun(name: string, entry: { runner: ScheduledQueryRunner }, delayMs: number): void {
    this.timers.after(delayMs, async () => {
      if (this.scheduled.get(name) !== entry) return; // replaced or removed by a newer config
      this.runScheduled(entry.runner);
      this.scheduleRun(name, entry, this.jittered(entry.runner.spec.intervalSec * this.intervals.scheduleSecondMs));
      return Promise.resolve();
    }, (e) => this.reportError(e));
  }

  private runScheduled(runner: ScheduledQueryRunner): void {
    const out = runner.run({
      hostIdentifier: this.hostIdentifier, unixTime: this.nowUnix(), epoch: 0, eventFormat: this.options.loggerEventType !== false,
      decorations: this.decorations, evaluate: (sql) => this.answerer().evaluate(sql),
    });
    if (!out.ok) {
      this.logStatus(2, 'scheduler.cpp', 116, `Error executing scheduled query ${runner.spec.name}: ${out.message}`);
      return;
    }
    for (const line of out.lines) this.pushResult(line);
  }

  private pushResult(line: LogLine): void {
    const decorations = (line['decorations'] ?? {}) as Record<string, string>;
    decorations[SEQUENCE_DECORATION] = String(++this.seq);
    line['decorations'] = decorations;
    this.buffer.push('result', line);
  }

  // ---- logger (§4.4) ----

  private async loggerTick(): Promise<void> {
    await this.flushLogs();
    this.timers.after(this.jittered(this.loggerMs), () => this.loggerTick(), (e) => this.reportError(e));
  }

  /** One flush: at most --logger_tls_max_lines lines, a result request then a status request, one attempt each. */
  private async flushLogs(): Promise<void> {
    const batch = this.buffer.peek(this.options.loggerTlsMaxLines ?? 1024);
    for (const type of ['result', 'status'] as const) await this.sendLogs(type, batch[type]);
  }

  private async sendLogs(type: LogType, lines: LogLine[]): Promise<void> {
    if (lines.length === 0 || !this.buffer.mayAttempt(type, this.now())) return;
    const key = await this.ensureNodeKey();
    if (this.timers.isStopped) return;
    const res = await this.post('log', 'log', { node_key: key, log_type: type, data: lines }, this.options.gzipLogs === true);
    if (res.outcome === 'ok') {
      this.buffer.ack(type, lines.length);
      if (type === 'result') this.ackedSeq = sequenceOf(lines[lines.length - 1]) ?? this.ackedSeq;
      if (this.options.stats) {
        if (type === 'result') this.options.stats.resultLinesDelivered += lines.length;
        else this.options.stats.statusLinesDelivered += lines.length;
      }
      return;
    }
    this.onFailure(res);
    this.buffer.fail(type, this.now(), this.loggerMs, this.intervals.loggerBackoffMaxMs);
  }

  // ---- distributed (§5) ----

  private async distributedTick(): Promise<void> {
    await this.distributedPoll();
    const accelerated = this.now() < this.accelerateUntil;
    this.timers.after(accelerated ? this.intervals.accelerateMs : this.jittered(this.distributedMs), () => this.distributedTick(), (e) => this.reportError(e));
  }

  /** pullUpdates → runQueries → one write for everything executed (plus results a failed write kept). */
  private async distributedPoll(): Promise<void> {
    const read = await this.requestWithKey('distributed_read', 'distributed/read', (key) => ({ node_key: key }), 3);
    if (read?.outcome === 'ok') {
      let answerer: HostQueryAnswerer | undefined;
      const answer = (): HostQueryAnswerer => (answerer ??= this.answerer());
      const work = runDistributedWork(read.body, (n, sql) => answer().answer(n, sql), (sql) => answer().evaluate(sql), () => performance.now());
      if (work.accelerateSec !== undefined) this.accelerateUntil = this.now() + work.accelerateSec * 1000;
      if (work.abortedBecause !== undefined) this.logStatus(2, 'distributed.cpp', 253, work.abortedBecause);
      mergeResults(this.pending, work.results);
      if (this.options.stats) {
        this.options.stats.queriesAnswered += work.executed;
        this.options.stats.queriesFailed += Object.values(work.results.statuses).filter((s) => s !== 0).length;
      }
    }
    if (Object.keys(this.pending.statuses).length === 0 || this.timers.isStopped) return;
    const sending = this.pending;
    this.pending = emptyResults();
    const write = await this.requestWithKey('distributed_write', 'distributed/write', (key) => ({
      node_key: key, queries: sending.queries, statuses: sending.statuses, messages: sending.messages, stats: sending.stats,
    }), 3);
    if (write?.outcome === 'ok') {
      for (const name of Object.keys(sending.statuses)) {
        if (name.startsWith(LIVE_QUERY_PREFIX)) this.options.stats?.recordLiveAnswer(name, this.hostIdentifier);
      }
      return;
    }
    // Kept in memory and re-sent with the next batch; newer answers for the same name win.
    const newer = this.pending;
    this.pending = sending;
    mergeResults(this.pending, newer);
  }

  // ---- misc ----

  private flags(): Record<string, string> {
    const sec = (ms: number): string => String(Math.max(1, Math.round(ms / 1000)));
    return {
      config_refresh: sec(this.intervals.configRefreshMs),
      distributed_interval: sec(this.distributedMs),
      logger_tls_period: sec(this.loggerMs),
      pack_delimiter: typeof this.config?.options['pack_delimiter'] === 'string' ? this.config.options['pack_delimiter'] : '_',
      host_identifier: this.options.hostIdentifier ?? 'instance',
    };
  }

  private nowUnix(): number {
    return Math.floor(this.now() / 1000);
  }

  private jittered(ms: number): number {
    return this.rng.jitter(ms, this.jitter);
  }

  private reportError(err: unknown): void {
    if (this.options.onError) this.options.onError(err);
  }
}

function sequenceOf(line: LogLine | undefined): number | undefined {
  const decorations = line?.['decorations'] as Record<string, string> | undefined;
  const seq = Number(decorations?.[SEQUENCE_DECORATION]);
  return Number.isInteger(seq) && seq > 0 ? seq : undefined;
}
