import { liveQueryAll, labelAndPolicy, setupAdmin } from './admin-client';
import type { BenchOptions } from './bench-options';
import { connectStores, ENROLL_SECRET, type FleetUnderTest } from './fleet-env';
import { PhaseMeter, sleep, violations, type PhaseResult, type Thresholds } from './phase-meter';
import { SimControl, startBare, stopChild } from './processes';
import { awaitWritersCaughtUp } from './writer-backlog';

/** How long a step waits for the new hosts' first inventories to be written before it measures anyway. */
const BACKLOG_WAIT_MS = 120_000;

export interface StepOutcome { readonly highestHeld: number | null; readonly stoppedBy: string[] | null }

/** What MySQL holds for the fleet after steady state: the database's size and the rows that make it. */
export interface DataSize { readonly hosts: number; readonly bytes: number; readonly softwareRows: number; readonly tables: Record<string, number> }

async function dataSize(f: FleetUnderTest): Promise<DataSize> {
  const [tables] = await f.stores.mysql.query('SELECT table_name AS t, data_length + index_length AS b FROM information_schema.TABLES WHERE table_schema = DATABASE() ORDER BY b DESC');
  const rows = tables as Array<{ t: string; b: number }>;
  const [[hosts], [software]] = await Promise.all([
    f.stores.mysql.query('SELECT COUNT(*) AS n FROM hosts').then(([r]) => r as Array<{ n: number }>),
    f.stores.mysql.query('SELECT COUNT(*) AS n FROM host_software').then(([r]) => r as Array<{ n: number }>),
  ]);
  return { hosts: Number(hosts?.n ?? 0), softwareRows: Number(software?.n ?? 0), bytes: rows.reduce((a, r) => a + Number(r.b), 0),
    tables: Object.fromEntries(rows.slice(0, 12).map((r) => [r.t, Number(r.b)])) };
}

function sim(o: BenchOptions, url: string): SimControl {
  return new SimControl({ serverUrl: url, enrollSecret: ENROLL_SECRET, distributedIntervalSec: o.distributedInterval, connections: o.connections });
}

/** Waits until `hosts` are enrolled at the simulator or `deadlineMs` passes. */
async function awaitEnrolled(s: SimControl, hosts: number, deadlineMs: number): Promise<void> {
  // Peeking resets the window, so this runs only before a phase's meter.begin().
  while (Date.now() < deadlineMs && (await s.window()).hostsEnrolled < hosts) await sleep(2000);
}

/** The same simulator and host count against a bare Fastify server: the machine's ceiling for the HTTP path alone. */
export async function runBaseline(o: BenchOptions): Promise<PhaseResult> {
  const bare = startBare(o.barePort);
  const url = `http://127.0.0.1:${o.barePort}`;
  const stores = await connectStores(o);
  const s = sim(o, url);
  try {
    await sleep(1000);
    await s.add(o.hosts, o.rampSec * 1000);
    await awaitEnrolled(s, o.hosts, Date.now() + (o.rampSec + 30) * 1000);
    await sleep(o.distributedInterval * 1000); // let every host pass its first check-in after enrolling
    const m = new PhaseMeter({ ...stores, window: () => s.window(), pids: () => ({ server: bare.pid, simulator: s.child.pid }), seen: false });
    await m.begin();
    await sleep(o.baselineSec * 1000);
    return await m.end('steady state', 'bare', o.hosts);
  } finally {
    await s.stop();
    await stopChild(bare);
    await stores.mysql.end();
    stores.redis.disconnect();
  }
}

/**
 * The phases against `fleet serve`: enroll over a ramp, steady state, live query to all, new label and policy;
 * then (when `o.stepsUpdateInterval` differs) a restart with that refresh and a second steady state; then steps of
 * `o.step` hosts until a bound breaks or `o.maxHosts` is reached. The host count held is the last steady state's.
 */
export async function runFleetPhases(o: BenchOptions, f: FleetUnderTest, t: Thresholds): Promise<{ phases: PhaseResult[]; steps: StepOutcome; data: DataSize | null }> {
  const s = sim(o, f.url);
  const phases: PhaseResult[] = [];
  let data: DataSize | null = null;
  const m = new PhaseMeter({ ...f.stores, window: () => s.window(), pids: () => ({ ...f.serverPids(), simulator: s.child.pid, ...f.sharedPids }), metricsUrl: f.metricsUrl, seen: true, mysqlUser: f.mysqlUser });
  try {
    const token = await setupAdmin(f.url);
    await m.begin();
    await s.add(o.hosts, o.rampSec * 1000);
    await sleep(o.rampSec * 1000);
    phases.push(await m.end('enroll (ramp)', 'fleet', o.hosts));
    await awaitEnrolled(s, o.hosts, Date.now() + 60_000);
    await sleep(o.distributedInterval * 1000);
    await m.begin();
    await sleep(o.steadySec * 1000);
    const steady = await m.end('steady state', 'fleet', o.hosts);
    phases.push(steady);
    data = await dataSize(f);
    let highestHeld = violations(steady, t).length === 0 ? o.hosts : null;
    await m.begin();
    const live = await liveQueryAll(f.url, token, f.stores.mysql, o.distributedInterval * 6000);
    const atAgents = await s.live(`fleet_distributed_query_${live.campaignId}`, live.startedAt, live.online);
    phases.push(await m.end('live query to all hosts', 'fleet', o.hosts, { liveQuery: live, atAgents }));
    await m.begin();
    const membership = await labelAndPolicy(f.url, token, f.stores.mysql, o.hosts, (parseDurationSec(o.updateInterval) * 1.2 + 30) * 1000);
    phases.push(await m.end('new label + policy', 'fleet', o.hosts, membership));
    let stoppedBy: string[] | null = highestHeld === null ? violations(steady, t) : null;
    if (o.stepsUpdateInterval !== o.updateInterval) {
      // The steps run as deployed: Fleet's default refresh instead of the short one the label + policy phase needs.
      // The hosts stay enrolled through the restart; two check-in periods let every host reconnect and warm the caches.
      await f.restart(o.stepsUpdateInterval);
      await sleep(2 * o.distributedInterval * 1000);
      const backlog = await awaitWritersCaughtUp(f.stores.redis, f.target.redisPrefix, BACKLOG_WAIT_MS);
      await m.begin();
      await sleep(o.steadySec * 1000);
      const atDefaults = await m.end(steadyAtRefresh(o.stepsUpdateInterval), 'fleet', o.hosts, { writerBacklogAtStart: backlog });
      phases.push(atDefaults);
      const broke = violations(atDefaults, t);
      highestHeld = broke.length === 0 ? o.hosts : null;
      stoppedBy = broke.length === 0 ? null : broke;
    }
    for (let hosts = o.hosts + o.step; highestHeld !== null && o.step > 0 && hosts <= o.maxHosts; hosts += o.step) {
      const ramp = Math.min(o.stepSec / 3, 45);
      await s.add(o.step, ramp * 1000);
      await sleep((ramp + o.distributedInterval) * 1000);
      const backlog = await awaitWritersCaughtUp(f.stores.redis, f.target.redisPrefix, BACKLOG_WAIT_MS);
      await m.begin();
      await sleep((o.stepSec - ramp - o.distributedInterval) * 1000);
      const p = await m.end(`step ${hosts}`, 'fleet', hosts, { writerBacklogAtStart: backlog });
      phases.push(p);
      const broke = violations(p, t);
      if (broke.length > 0) {
        stoppedBy = broke;
        break;
      }
      highestHeld = hosts;
    }
    return { phases, steps: { highestHeld, stoppedBy }, data };
  } finally {
    await s.stop();
  }
}

/** Issue 3 acceptance 6: a fixed fleet for a fixed time; phases split the enrollment ramp from steady state. */
export async function runAgentBench(o: BenchOptions, f: FleetUnderTest): Promise<PhaseResult[]> {
  const s = sim(o, f.url);
  const m = new PhaseMeter({ ...f.stores, window: () => s.window(), pids: () => ({ ...f.serverPids(), simulator: s.child.pid, ...f.sharedPids }), metricsUrl: f.metricsUrl, seen: true, mysqlUser: f.mysqlUser });
  try {
    await m.begin();
    await s.add(o.hosts, o.rampSec * 1000);
    await sleep((o.rampSec + o.distributedInterval) * 1000);
    const enroll = await m.end('enroll (ramp)', 'fleet', o.hosts);
    await m.begin();
    await sleep((o.durationSec - o.rampSec - o.distributedInterval) * 1000);
    return [enroll, await m.end('steady state', 'fleet', o.hosts)];
  } finally {
    await s.stop();
  }
}

/** The second steady state's name: after the restart with the steps' refresh period. */
export const steadyAtRefresh = (interval: string): string => `steady state, ${interval} refresh`;

function parseDurationSec(d: string): number {
  const m = /^(\d+)(s|m|h)$/.exec(d);
  return m ? Number(m[1]) * ({ s: 1, m: 60, h: 3600 }[m[2] as 's' | 'm' | 'h']) : 120;
}
