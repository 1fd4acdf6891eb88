/**
 * The standing reliability suite, long runs (issue 18): `npm run bench:reliability -- <scenario> [flags]`.
 *   fuzz     property-based fuzzing of every agent route and every admin GET route (≥ 100,000 requests)
 *   faults   dependency faults with simulated hosts and exact accounting by sequence number
 *   storm    10,000 hosts enrolling at once, then reconnecting at once after a server restart
 *   slow     500 slowloris connections and slow websocket readers while agents check in
 *   cluster  1,000 hosts on a Redis Cluster for 10 minutes, a master killed mid-run, live queries to all before and after
 *   all      every scenario, one after the other
 * Results go to bench/results/reliability-<scenario>.{json,md}. The CI-sized versions are e2e/reliability/*.spec.ts.
 * It runs from its own build (.build/reliability), so a rebuild of dist/ by someone else cannot change the code
 * under test midway.
 */
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { fuzzMarkdown } from './fuzz/fuzz-report';
import { FAULTS, runFault, runFuzz, runSlowClients } from '@fleet/testing';
import type { FaultName, FaultResult } from '@fleet/testing';
import { faultsMarkdown } from './faults/faults-report';
import { slowMarkdown } from './slow/slow-report';
import { stormMarkdown } from './storm/storm-report';
import { runStorm } from './storm/storm-run';
import { machineFacts, writeResults } from './support/results';
import { clusterFailoverMarkdown } from './cluster/cluster-failover-report';
import { runClusterFailover } from './cluster/cluster-failover-run';

/** Repository root from .build/reliability/bench/reliability (the build) or bench/reliability (sources under Jest). */
const BUILD = path.resolve(__dirname, '..', '..');
const ROOT = path.basename(path.dirname(BUILD)) === '.build' ? path.resolve(BUILD, '..', '..') : BUILD;
const FLEET_MAIN = path.join(BUILD, 'apps', 'fleet', 'src', 'main.js');

const int = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a non-negative integer');
  return n;
};

const log = (line: string): void => void process.stdout.write(`${line}\n`);

function runDir(name: string): string {
  const dir = path.join(os.tmpdir(), `fleet-reliability-${name}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  log(`[${name}] working files (server logs) in ${dir}`);
  return dir;
}

interface Common {
  readonly out: string;
}

async function fuzz(o: Common & { requests: number; seed: number; concurrency: number; agentShare: string }, command: string): Promise<void> {
  const machine = machineFacts();
  const report = await runFuzz({
    fleetMain: FLEET_MAIN, runDir: runDir('fuzz'), requests: o.requests, seed: o.seed, concurrency: o.concurrency, maxLatencyMs: 1000,
    agentShare: Number(o.agentShare), log,
  });
  const files = writeResults(o.out, 'fuzz', { command, machine, ...report }, fuzzMarkdown(report, command, machine));
  log(`[fuzz] ${report.requests.total} requests, ${report.violations.length} distinct violations; RSS ${JSON.stringify(report.monitor.rssMb)}; wrote ${files.join(', ')}`);
}

interface FaultFlags {
  only?: string;
  hosts: number;
  ci: boolean;
}

/** Outage lengths of the long run, as the issue asks for them; `--ci` uses the CI sizes (5 s, 60 hosts). */
const LONG_FAULT_MS: Record<FaultName, number> = {
  'mysql-down': 60_000, 'redis-down-empty': 30_000, 'redis-down-keep': 30_000, 'ingest-kill': 30_000, 'webhook-down': 600_000,
  'partition-redis': 30_000, 'partition-mysql': 30_000,
};

async function faults(o: Common & FaultFlags, command: string): Promise<void> {
  const machine = machineFacts();
  const dir = runDir('faults');
  const names = o.only ? o.only.split(',') as FaultName[] : [...FAULTS];
  const results: FaultResult[] = [];
  for (const fault of names) {
    if (!FAULTS.includes(fault)) throw new Error(`unknown fault ${fault}; one of ${FAULTS.join(', ')}`);
    results.push(await runFault({
      fleetMain: FLEET_MAIN, runDir: dir, fault, hosts: o.ci ? 60 : o.hosts, faultMs: o.ci ? 5000 : LONG_FAULT_MS[fault], warmMs: o.ci ? 4000 : 20_000,
      recoveryTimeoutMs: o.ci ? 60_000 : 180_000, steadyMs: o.ci ? 3000 : 15_000,
      degraded: o.ci ? { lossPercent: 20, delayMs: 100, ms: 5000 } : { lossPercent: 30, delayMs: 200, ms: 30_000 }, log,
    }));
    const r = results[results.length - 1];
    log(`[faults] ${fault}: ${JSON.stringify({ lines: r.lines, nodeInvalid: r.nodeInvalid, recovery: r.recovery, hostData: r.hostData, lostWithRedis: r.lostWithRedis })}`);
    // Written after every scenario, so a long run stopped midway keeps what it measured.
    writeResults(o.out, o.only ? `faults-${o.only.replace(/,/g, '+')}` : 'faults', { command, machine, results }, faultsMarkdown(results, command, machine));
  }
}

async function storm(o: Common & { hosts: number; connections: number; listenHandles?: number }, command: string): Promise<void> {
  const machine = machineFacts();
  const r = await runStorm({ fleetMain: FLEET_MAIN, runDir: runDir('storm'), hosts: o.hosts, connections: o.connections, listenHandles: o.listenHandles, distributedIntervalSec: 10, reconnectWindowMs: 30_000, log });
  writeResults(o.out, 'storm', { command, machine, ...r }, stormMarkdown(r, command, machine));
}

async function slow(o: Common & { hosts: number; slowloris: number; readers: number; window: number }, command: string): Promise<void> {
  const machine = machineFacts();
  const r = await runSlowClients({ fleetMain: FLEET_MAIN, runDir: runDir('slow'), hosts: o.hosts, slowloris: o.slowloris, websocketReaders: o.readers, windowMs: o.window * 1000, log });
  writeResults(o.out, 'slow-clients', { command, machine, ...r }, slowMarkdown(r, command, machine));
}

async function cluster(o: Common & { hosts: number; minutes: number; interval: number }, command: string): Promise<void> {
  const machine = machineFacts();
  const r = await runClusterFailover({ fleetMain: FLEET_MAIN, runDir: runDir('cluster'), hosts: o.hosts, minutes: o.minutes, intervalSec: o.interval, log });
  const files = writeResults(o.out, 'cluster-failover', { command, machine, ...r }, clusterFailoverMarkdown(r, command, machine));
  log(`[cluster] wrote ${files.join(', ')}`);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const command = `npm run bench:reliability -- ${argv.join(' ')}`.trim();
  const program = new Command('reliability').option('--out <dir>', 'results directory', path.join(ROOT, 'bench', 'results'));
  const common = (): Common => program.opts<Common>();
  program.command('fuzz').description('property-based fuzzing of every agent route and admin GET route')
    .option('--requests <n>', 'generated requests', int, 100_000)
    .option('--seed <n>', 'fast-check seed', int, 18)
    .option('--concurrency <n>', 'properties run at once', int, 4)
    .option('--agent-share <f>', 'share of requests for the agent routes', '0.6')
    .action((o: { requests: number; seed: number; concurrency: number; agentShare: string }) => fuzz({ ...common(), ...o }, command));
  program.command('faults').description('dependency faults with simulated hosts and exact accounting by sequence number')
    .option('--only <names>', `comma-separated subset of ${FAULTS.join(', ')}`)
    .option('--hosts <n>', 'simulated hosts', int, 300)
    .option('--ci', 'CI sizes: 60 hosts, 5 s outages', false)
    .action((o: FaultFlags) => faults({ ...common(), ...o }, command));
  program.command('storm').description('10,000 hosts enrolling at once, then reconnecting at once after a server restart')
    .option('--hosts <n>', 'simulated hosts', int, 10_000)
    .option('--connections <n>', 'simulator sockets (requests in flight at once)', int, 1000)
    .option('--listen-handles <n>', "the server's server.listen_handles (default: the server's default)", int)
    .action((o: { hosts: number; connections: number; listenHandles?: number }) => storm({ ...common(), ...o }, command));
  program.command('slow').description('slowloris connections and stalled websocket readers while agents check in')
    .option('--hosts <n>', 'simulated hosts', int, 1000)
    .option('--slowloris <n>', 'slowloris connections', int, 500)
    .option('--readers <n>', 'websocket clients that stop reading', int, 4)
    .option('--window <s>', 'baseline and attack windows', int, 60)
    .action((o: { hosts: number; slowloris: number; readers: number; window: number }) => slow({ ...common(), ...o }, command));
  program.command('cluster').description('hosts on a Redis Cluster, a master killed mid-run, live queries to all before and after')
    .option('--hosts <n>', 'simulated hosts', int, 1000)
    .option('--minutes <n>', 'length of the run once every host is enrolled', int, 10)
    .option('--interval <s>', 'check-in, log and scheduled-query interval of the agents', int, 10)
    .action((o: { hosts: number; minutes: number; interval: number }) => cluster({ ...common(), ...o }, command));
  program.command('all').description('every scenario at its long size, one after the other')
    .action(async () => {
      await fuzz({ ...common(), requests: 100_000, seed: 18, concurrency: 4, agentShare: '0.6' }, command);
      await faults({ ...common(), hosts: 300, ci: false }, command);
      await storm({ ...common(), hosts: 10_000, connections: 1000 }, command);
      await slow({ ...common(), hosts: 1000, slowloris: 500, readers: 4, window: 60 }, command);
      await cluster({ ...common(), hosts: 1000, minutes: 10, interval: 10 }, command);
    });
  await program.parseAsync(argv, { from: 'user' });
}

main().then(() => process.exit(0), (err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
