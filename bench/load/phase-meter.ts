import os from 'node:os';
import type { Connection } from 'mysql2/promise';
import type Redis from 'ioredis';
import type { SimWindow } from './sim-protocol';
import { checkinBuckets, eventLoopLag, rates, sampleCounters, scrapeMetrics, seenLag, serverCheckins, type Counters, type Rates, type SeenLag, type ServerCheckins } from './system-probe';

export interface PhaseResult {
  readonly name: string;
  readonly target: 'fleet' | 'bare';
  readonly hosts: number;
  readonly startedAt: string;
  readonly sim: SimWindow;
  readonly system: Rates;
  readonly eventLoopLagMs: Record<string, number> | null;
  /** The check-ins of the phase as the server timed them (absent for the bare baseline and older results). */
  readonly serverCheckins?: ServerCheckins;
  readonly seenLag: SeenLag | null;
  /** 1-minute load average at the phase's end: other sessions share this machine. */
  readonly loadAvg1m: number;
  readonly extra?: Record<string, unknown>;
}

export interface Thresholds { readonly checkinP99Ms: number; readonly errorRate: number; readonly seenLagSec: number }

/** Which bound a phase broke (check-in p99, error rate, seen-time lag), or [] when it held. */
export function violations(p: PhaseResult, t: Thresholds): string[] {
  const out: string[] = [];
  if (p.sim.checkin.latencyMs.p99 > t.checkinP99Ms) out.push(`check-in p99 ${p.sim.checkin.latencyMs.p99} ms > ${t.checkinP99Ms} ms`);
  const errors = p.sim.total.errors + p.sim.total.nodeInvalid;
  if (p.sim.total.requests > 0 && errors / p.sim.total.requests > t.errorRate) out.push(`errors ${errors}/${p.sim.total.requests} > ${t.errorRate * 100}%`);
  if (p.sim.total.requests === 0) out.push('no requests completed');
  if (p.seenLag && p.seenLag.p99Sec > t.seenLagSec) out.push(`seen-time lag p99 ${p.seenLag.p99Sec} s > ${t.seenLagSec} s`);
  return out;
}

export interface MeterDeps {
  readonly mysql: Connection;
  readonly redis: Redis;
  readonly window: () => Promise<SimWindow>;
  readonly pids: () => Record<string, number | undefined>;
  /** Server URL whose /metrics give event-loop lag; undefined for the bare server. */
  readonly metricsUrl?: string;
  /** Read host_seen_times at the end of the phase (fleet only). */
  readonly seen: boolean;
  /** The server's own MySQL user, whose USER_STATISTICS are read beside the server-wide counters. */
  readonly mysqlUser?: string;
}

/**
 * Brackets one phase: resets the simulator window and the counters at `begin`, and at `end` returns the
 * window's request figures with process CPU/RSS, MariaDB and Redis rates, event-loop lag and seen-time lag.
 */
export class PhaseMeter {
  private start: Counters | undefined;
  private startedAt = '';
  private checkinsAtStart = new Map<string, number>();

  constructor(private readonly deps: MeterDeps) {}

  async begin(): Promise<void> {
    await this.deps.window();
    // prom-client resets its lag histogram per scrape; the request histogram is cumulative and differenced at `end`.
    this.checkinsAtStart = this.deps.metricsUrl ? checkinBuckets(await scrapeMetrics(this.deps.metricsUrl)) : new Map<string, number>();
    this.start = await sampleCounters(this.deps.pids(), this.deps.mysql, this.deps.redis, this.deps.mysqlUser);
    this.startedAt = new Date().toISOString();
  }

  async end(name: string, target: 'fleet' | 'bare', hosts: number, extra?: Record<string, unknown>): Promise<PhaseResult> {
    const sim = await this.deps.window();
    const endCounters = await sampleCounters(this.deps.pids(), this.deps.mysql, this.deps.redis, this.deps.mysqlUser);
    const metrics = this.deps.metricsUrl ? await scrapeMetrics(this.deps.metricsUrl) : null;
    const lag = metrics === null ? null : eventLoopLag(metrics);
    const atServer = metrics === null ? null : serverCheckins(this.checkinsAtStart, checkinBuckets(metrics));
    const seen = this.deps.seen ? await seenLag(this.deps.mysql) : null;
    const start = this.start ?? endCounters;
    const result: PhaseResult = { name, target, hosts, startedAt: this.startedAt, sim, system: rates(start, endCounters), eventLoopLagMs: lag, ...(atServer ? { serverCheckins: atServer } : {}), seenLag: seen, loadAvg1m: Math.round((os.loadavg()[0] ?? 0) * 100) / 100, ...(extra ? { extra } : {}) };
    process.stdout.write(`[load] ${name} (${target}, ${hosts} hosts): ${JSON.stringify({ rate: sim.total.ratePerSec, checkin: sim.checkin.latencyMs, errors: sim.total.errors, seen, cpu: result.system.procs })}\n`);
    return result;
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
