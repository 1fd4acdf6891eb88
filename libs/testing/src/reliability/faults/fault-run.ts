import { FleetSimulator } from '@fleet/simulator';
import { AgentWindowTap } from '../agent-window';
import type { AgentWindow } from '../agent-window';
import { ENROLL_SECRET, sleep } from '../fleet-stack';
import { FaultStack } from './fault-stack';
import type { UnwrittenEntries } from './fault-stack';
import { accountLines, deliveredUpTo } from './line-ledger';
import type { LineAccount } from './line-ledger';
import { WriteProbe } from './write-probe';

export const FAULTS = ['mysql-down', 'redis-down-empty', 'redis-down-keep', 'ingest-kill', 'webhook-down', 'partition-redis', 'partition-mysql'] as const;
export type FaultName = (typeof FAULTS)[number];

export const FAULT_DESCRIPTIONS: Record<FaultName, string> = {
  'mysql-down': 'MySQL unreachable (every connection through the proxy dropped, new ones refused), then back',
  'redis-down-empty': 'Redis killed (SIGKILL) and started again without its data (no persistence, failover to an empty replica)',
  'redis-down-keep': 'Redis killed (SIGKILL) after a snapshot and started again with its data',
  'ingest-kill': 'one of two ingest replicas behind nginx SIGKILLed under load, started again after the outage',
  'webhook-down': 'the webhook log destination answers 503 to everything, then 200 again',
  'partition-redis': 'network partition between the server and Redis (every packet dropped both ways on the veth link), healed; then the link degraded with loss and delay',
  'partition-mysql': 'network partition between the server and MySQL (every packet dropped both ways on the veth link), healed; then the link degraded with loss and delay',
};

export interface FaultRunOptions {
  readonly fleetMain: string;
  readonly runDir: string;
  readonly fault: FaultName;
  readonly hosts: number;
  readonly faultMs: number;
  /** Agents run this long with everything up before the fault. */
  readonly warmMs: number;
  /** Longest wait for the backlog made before the end of the fault to be delivered. */
  readonly recoveryTimeoutMs: number;
  /** Agents run this long after recovery, so lines acknowledged after it are counted too. */
  readonly steadyMs: number;
  /** Partitions only: after healing, the link is degraded this way for `ms`. */
  readonly degraded?: { readonly lossPercent: number; readonly delayMs: number; readonly ms: number };
  readonly seed?: number;
  readonly log: (line: string) => void;
}

export interface FaultResult {
  readonly scenario: FaultName;
  readonly description: string;
  readonly hosts: number;
  readonly faultSec: number;
  readonly lines: LineAccount;
  readonly nodeInvalid: number;
  /** Agent traffic per phase: before the fault, during it, from its end until the backlog was delivered, after. */
  readonly phases: { readonly before: AgentWindow; readonly fault: AgentWindow; readonly recovery: AgentWindow; readonly after: AgentWindow; readonly degraded?: AgentWindow };
  readonly recovery: {
    /** From the end of the fault until every line made before it reached the destination; null = not within the timeout. */
    readonly logBacklogMs: number | null;
    /** From the end of the fault until MySQL held agent data acknowledged after it (the write probe). */
    readonly hostDataMs: number | null;
  };
  /** The write probe: whether MySQL holds its last acknowledged write at the end. */
  readonly hostData: { readonly acknowledged: number | null; readonly stored: number | null; readonly lastAcknowledgedStored: boolean; readonly probeFailures: number };
  /** Redis faults without data: stream entries only Redis held when it died (acknowledged to agents, never written). */
  readonly lostWithRedis?: Record<string, UnwrittenEntries>;
  readonly degraded?: { readonly mechanism: string; readonly lossPercent: number; readonly delayMs: number; readonly seconds: number };
  readonly partitionMechanism?: string;
  readonly sink: { readonly batches: number; readonly refused: number; readonly lines: number };
  readonly durationSec: number;
}

/**
 * One fault with simulated hosts and exact accounting: agents run against the stack, the fault is injected for
 * `faultMs` and removed, then the run waits for the backlog, keeps going for `steadyMs`, stops the agents and
 * counts every result line by sequence number, node_invalid answers, errors per phase and recovery times.
 */
export async function runFault(o: FaultRunOptions): Promise<FaultResult> {
  const started = Date.now();
  const stack = new FaultStack({
    fleetMain: o.fleetMain, runDir: o.runDir, label: o.fault.replace(/-/g, '_'), replicas: o.fault === 'ingest-kill',
    namespace: o.fault.startsWith('partition-'), distributedIntervalSec: 5, loggerPeriodSec: 1, scheduleIntervalSec: 1,
  });
  await stack.start().catch(async (err: unknown) => {
    await stack.stop();
    throw err;
  });
  const sim = new FleetSimulator({
    serverUrl: stack.agentUrl, enrollSecret: ENROLL_SECRET, hosts: o.hosts, rampMs: Math.min(10_000, o.hosts * 20), seed: o.seed ?? 18, connections: 128,
    // osquery's own retry timing except the log backoff cap (--logger_tls_backoff_max=10), so the time to drain
    // a backlog measures the server rather than an agent asleep for up to an hour.
    intervals: { loggerBackoffMaxMs: 10_000 },
    onError: (e) => o.log(`[${o.fault}] simulator: ${e instanceof Error ? e.message : String(e)}`),
  });
  const tap = new AgentWindowTap(sim.stats);
  const probe = new WriteProbe(stack.agentUrl, stack.db.mysql, ENROLL_SECRET);
  try {
    sim.start();
    await probe.start();
    const warmDeadline = Date.now() + o.warmMs + 60_000;
    while (Date.now() < warmDeadline && (sim.hosts.some((h) => h.acknowledgedSequence === 0))) await sleep(250);
    await sleep(o.warmMs);
    const before = tap.take();
    o.log(`[${o.fault}] ${o.hosts} hosts running, ${before.requests} requests so far; fault for ${o.faultMs / 1000} s`);
    let lostWithRedis: FaultResult['lostWithRedis'];
    let partitionMechanism: string | undefined;
    const link = o.fault === 'partition-redis' ? stack.links?.redis : o.fault === 'partition-mysql' ? stack.links?.mysql : undefined;
    switch (o.fault) {
      case 'mysql-down': await stack.mysqlProxy.cut(); break;
      case 'redis-down-empty':
        lostWithRedis = await stack.pauseAndCountUnwritten(60_000);
        await stack.redis.kill();
        break;
      case 'redis-down-keep':
        await stack.pauseAndSave(60_000);
        await stack.redis.kill();
        break;
      case 'ingest-kill': await stack.servers[0]?.stop('SIGKILL'); break;
      case 'webhook-down': stack.sink.down = true; break;
      case 'partition-redis':
      case 'partition-mysql':
        if (link && stack.ns) partitionMechanism = stack.ns.partition(link);
        break;
    }
    await sleep(o.faultMs);
    switch (o.fault) {
      case 'mysql-down': await stack.mysqlProxy.open(); break;
      case 'redis-down-empty':
      case 'redis-down-keep': await stack.redis.start(); break;
      case 'ingest-kill': await stack.restartServer(0); break;
      case 'webhook-down': stack.sink.down = false; break;
      case 'partition-redis':
      case 'partition-mysql':
        if (link && stack.ns) stack.ns.heal(link);
        break;
    }
    const restored = Date.now();
    const fault = tap.take();
    const marks = new Map(sim.hosts.map((h) => [h.hostIdentifier, h.lastSequence]));
    o.log(`[${o.fault}] fault over; ${fault.errors} agent errors during it; waiting for the backlog`);
    const hostData = probe.storedAfter(restored, o.recoveryTimeoutMs);
    let logBacklogMs: number | null = null;
    while (Date.now() - restored < o.recoveryTimeoutMs) {
      if (deliveredUpTo(sim.hosts, stack.sink, marks)) {
        logBacklogMs = Date.now() - restored;
        break;
      }
      await sleep(200);
    }
    const hostDataMs = await hostData;
    const recovery = tap.take();
    o.log(`[${o.fault}] backlog delivered after ${logBacklogMs} ms, host data after ${hostDataMs} ms`);
    let degradedPhase: AgentWindow | undefined;
    let degraded: FaultResult['degraded'];
    if (o.degraded && link && stack.ns) {
      const proxy = o.fault === 'partition-redis' ? stack.redisProxy : stack.mysqlProxy;
      let mechanism: string;
      try {
        mechanism = stack.ns.impair(link, { lossPercent: o.degraded.lossPercent, delayMs: o.degraded.delayMs });
      } catch {
        // No netem: drop packets in the kernel, delay in the relay on the root side of the link.
        mechanism = `${stack.ns.impair(link, { lossPercent: o.degraded.lossPercent })}; delay ${o.degraded.delayMs} ms per chunk each way in the TCP relay`;
        if (proxy) proxy.delayMs = o.degraded.delayMs;
      }
      await sleep(o.degraded.ms);
      stack.ns.heal(link);
      if (proxy) proxy.delayMs = 0;
      degradedPhase = tap.take();
      degraded = { mechanism, lossPercent: o.degraded.lossPercent, delayMs: o.degraded.delayMs, seconds: o.degraded.ms / 1000 };
      o.log(`[${o.fault}] degraded link (${mechanism}) for ${o.degraded.ms / 1000} s: ${degradedPhase.errors} agent errors, check-in p99 ${degradedPhase.checkinMs.p99} ms`);
    }
    await sleep(o.steadyMs);
    probe.stop();
    await sim.stop();
    const after = tap.take();
    const lines = accountLines(sim.hosts, stack.sink);
    const last = await probe.lastAcknowledgedStored();
    return {
      scenario: o.fault, description: FAULT_DESCRIPTIONS[o.fault], hosts: o.hosts, faultSec: o.faultMs / 1000, lines, nodeInvalid: tap.nodeInvalidSoFar,
      phases: { before, fault, recovery, after, ...(degradedPhase ? { degraded: degradedPhase } : {}) },
      recovery: { logBacklogMs, hostDataMs },
      hostData: { acknowledged: last.acknowledged, stored: last.stored, lastAcknowledgedStored: last.held, probeFailures: probe.failures },
      ...(lostWithRedis ? { lostWithRedis } : {}), ...(degraded ? { degraded } : {}), ...(partitionMechanism ? { partitionMechanism } : {}),
      sink: { batches: stack.sink.batches, refused: stack.sink.refused, lines: stack.sink.lines }, durationSec: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    probe.stop();
    await sim.stop();
    await stack.stop();
  }
}
