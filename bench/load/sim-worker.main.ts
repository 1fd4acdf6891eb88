/**
 * The load generator process: simulated osquery agents (FleetSimulator) driven over IPC by load.bench, in its
 * own process so its CPU never stalls the server's event loop. Hosts are added in batches (one FleetSimulator
 * each, disjoint host indexes) so a step raises the fleet without re-enrolling the hosts already running.
 * Argument: one JSON object of SimWorkerArgs.
 */
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { FleetSimulator, LatencyHistogram, type AgentEndpoint, type SimulatorStats } from '@fleet/simulator';
import type { EndpointWindow, SimCommand, SimReply, SimWindow, SimWorkerArgs } from './sim-protocol';

class WindowCounters {
  requests = 0;
  errors = 0;
  errorKinds: Record<string, number> = {};
  nodeInvalid = 0;
  bytesSent = 0;
  bytesReceived = 0;
  latency = new LatencyHistogram();
}

const args = JSON.parse(process.argv[2] ?? '{}') as SimWorkerArgs;
const sims: FleetSimulator[] = [];
/** Built by `add` with `start: false`, waiting for `start`. */
const unstarted: FleetSimulator[] = [];
let window = new Map<AgentEndpoint, WindowCounters>();
let windowStart = Date.now();
/** The same instant on the monotonic clock the request latencies are measured with. */
let windowStartPerf = performance.now();
/** Requests sent before the current window began and answered in it: counted apart, in no window's figures. */
let carriedOver = { requests: 0, errors: 0, latency: new LatencyHistogram() };
/** This process's event-loop delay and GC pauses, per window. */
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
let gc = { ms: 0, maxPause: 0 };
/** Socket counts at the last window, to difference the simulators' cumulative counters. */
let socketsSeen = { opened: 0, closed: 0 };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gc.ms += e.duration;
    gc.maxPause = Math.max(gc.maxPause, e.duration);
  }
}).observe({ entryTypes: ['gc'] });
/** First answer time (epoch ms) per live query and host, across every batch of hosts. */
const liveAnswers = new Map<string, Map<string, number>>();

/**
 * Taps a simulator's shared stats so every request also lands in the current window: the simulator counts a
 * request when it is answered, but a phase's figures are those of the requests sent in it (and its error kinds).
 */
function tap(stats: SimulatorStats): void {
  const record = stats.recordRequest.bind(stats);
  stats.recordRequest = (endpoint, r) => {
    record(endpoint, r);
    // A request belongs to the window it was sent in: one sent before a server restart and refused after the
    // window reset (the simulator's queue drains late) is part of the outage, not of the reconnect.
    if (performance.now() - r.latencyMs < windowStartPerf) {
      carriedOver.requests++;
      if (r.outcome !== 'ok') carriedOver.errors++;
      else carriedOver.latency.record(r.latencyMs);
      return;
    }
    let c = window.get(endpoint);
    if (!c) window.set(endpoint, (c = new WindowCounters()));
    c.requests++;
    c.bytesSent += r.bytesSent;
    c.bytesReceived += r.bytesReceived;
    c.latency.record(r.latencyMs);
    if (r.outcome === 'node_invalid') c.nodeInvalid++;
    else if (r.outcome !== 'ok') {
      c.errors++;
      const kind = r.outcome === 'transport' ? `transport (${(r.message ?? '').replace(/^Request error: /, '')})` : `${r.outcome} ${r.status}`;
      c.errorKinds[kind] = (c.errorKinds[kind] ?? 0) + 1;
    }
  };
  const live = stats.recordLiveAnswer.bind(stats);
  stats.recordLiveAnswer = (name, host) => {
    live(name, host);
    let m = liveAnswers.get(name);
    if (!m) liveAnswers.set(name, (m = new Map<string, number>()));
    if (!m.has(host)) m.set(host, Date.now());
  };
}

function summarize(c: WindowCounters, seconds: number): EndpointWindow {
  return { requests: c.requests, errors: c.errors, errorKinds: c.errorKinds, nodeInvalid: c.nodeInvalid, ratePerSec: Math.round((c.requests / seconds) * 10) / 10, latencyMs: c.latency.summary(), bytesSent: c.bytesSent, bytesReceived: c.bytesReceived };
}

function takeWindow(): SimWindow {
  const seconds = Math.max(0.001, (Date.now() - windowStart) / 1000);
  const all = new WindowCounters();
  const endpoints: Partial<Record<AgentEndpoint, EndpointWindow>> = {};
  for (const [name, c] of window) {
    endpoints[name] = summarize(c, seconds);
    all.requests += c.requests;
    all.errors += c.errors;
    for (const [kind, n] of Object.entries(c.errorKinds)) all.errorKinds[kind] = (all.errorKinds[kind] ?? 0) + n;
    all.nodeInvalid += c.nodeInvalid;
    all.bytesSent += c.bytesSent;
    all.bytesReceived += c.bytesReceived;
    all.latency.merge(c.latency);
  }
  let enrolled = 0;
  let total = 0;
  for (const s of sims) for (const h of s.hosts) {
    total++;
    if (h.currentNodeKey !== '') enrolled++;
  }
  const checkin = window.get('distributed_read') ?? new WindowCounters();
  window = new Map();
  windowStart = Date.now();
  windowStartPerf = performance.now();
  const carried = carriedOver;
  carriedOver = { requests: 0, errors: 0, latency: new LatencyHistogram() };
  const ms = (ns: number): number => Math.round(ns / 1e4) / 100;
  const simulatorLoop = { delayP99Ms: ms(loopDelay.percentile(99)), delayMaxMs: ms(loopDelay.max), gcMs: Math.round(gc.ms), gcMaxPauseMs: Math.round(gc.maxPause * 10) / 10 };
  loopDelay.reset();
  gc = { ms: 0, maxPause: 0 };
  const sockets = { opened: 0, closed: 0 };
  for (const s of sims) {
    sockets.opened += s.stats.connectionsOpened;
    sockets.closed += s.stats.connectionsClosed;
  }
  const connections = { opened: sockets.opened - socketsSeen.opened, closed: sockets.closed - socketsSeen.closed };
  socketsSeen = sockets;
  return { seconds, hostsEnrolled: enrolled, hostsTotal: total, endpoints, total: summarize(all, seconds), checkin: summarize(checkin, seconds),
    carriedOver: { requests: carried.requests, errors: carried.errors, answeredLatencyMs: carried.latency.summary() }, simulatorLoop, connections };
}

function liveTimes(queryName: string, sinceMs: number, target: number): SimReply {
  const times = [...(liveAnswers.get(queryName)?.values() ?? [])].map((t) => t - sinceMs).sort((a, b) => a - b);
  const at = (q: number): number | null => times[Math.max(1, Math.ceil(q * target)) - 1] ?? null;
  return { type: 'live', answered: times.length, msToAnswered: { p50: at(0.5), p95: at(0.95), p99: at(0.99), p100: at(1) } };
}

async function handle(cmd: SimCommand): Promise<SimReply> {
  switch (cmd.type) {
    case 'add': {
      const firstIndex = sims.reduce((n, s) => n + s.hosts.length, 0);
      const sim = new FleetSimulator({
        serverUrl: args.serverUrl, enrollSecret: args.enrollSecret, hosts: cmd.hosts, firstIndex, rampMs: cmd.rampMs, connections: args.connections,
        intervals: { distributedMs: args.distributedIntervalSec * 1000 },
        // Fixed intervals keep the offered load identical for the bare server and fleet (no served overrides).
        honorConfigIntervals: false,
        onError: (e) => process.stderr.write(`[sim] ${e instanceof Error ? e.message : String(e)}\n`),
      });
      tap(sim.stats);
      sims.push(sim);
      if (cmd.start === false) {
        unstarted.push(sim);
        // The hosts just built are old-generation garbage collection's work: collected now, before the storm that
        // waits for them (measured, V8 otherwise paused the simulator 0.4 s at the storm's first instant, and
        // every request of the first wave counted that pause as the server's latency).
        (globalThis as { gc?: () => void }).gc?.();
      } else sim.start();
      return { type: 'added', hostsTotal: firstIndex + cmd.hosts };
    }
    case 'start': {
      const batch = unstarted.splice(0);
      for (const sim of batch) sim.start();
      return { type: 'started', hosts: batch.reduce((n, s) => n + s.hosts.length, 0) };
    }
    case 'window':
      return { type: 'window', window: takeWindow() };
    case 'live':
      return liveTimes(cmd.queryName, cmd.sinceMs, cmd.targetHosts);
    case 'stop':
      await Promise.all(sims.map((s) => s.stop()));
      return { type: 'stopped' };
  }
}

process.on('message', (m: SimCommand) => {
  handle(m).then((reply) => {
    process.send?.(reply);
    if (reply.type === 'stopped') process.exit(0);
  }, (err: unknown) => {
    process.stderr.write(`[sim] ${String(err)}\n`);
    process.exit(1);
  });
});
