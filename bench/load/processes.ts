import { fork, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { openSync } from 'node:fs';
import path from 'node:path';
import { processEnv } from '@fleet/config';
import type { SimCommand, SimReply, SimWindow, SimWorkerArgs } from './sim-protocol';

/** The build this file runs from: dist/ (`npm run bench`) or a folder of its own under .build/ (`tools/build.js --out`). */
const BUILD = path.resolve(__dirname, '..', '..');
/** Repository root, from dist/bench/load/ or .build/<name>/bench/load/. */
export const ROOT = path.basename(path.dirname(BUILD)) === '.build' ? path.resolve(BUILD, '..', '..') : path.dirname(BUILD);
/** The fleet binary of the same build, so a benchmark built elsewhere never runs another build's server. */
const FLEET_BIN = path.join(BUILD, 'apps', 'fleet', 'src', 'main.js');

export interface FleetTarget {
  readonly database: string;
  readonly redisPrefix: string;
  readonly mysqlAddress: string;
  readonly redisAddress: string;
  /** MySQL user of the server (root without a password when absent); a user of its own makes its statistics exact. */
  readonly mysqlUser?: { readonly name: string; readonly password: string };
}

/** Children get an explicit environment: the parent's PATH plus the server's settings, nothing inherited by accident. */
function fleetEnv(t: FleetTarget): NodeJS.ProcessEnv {
  return {
    PATH: processEnv()['PATH'] ?? '/usr/bin:/bin', FLEET_MYSQL_ADDRESS: t.mysqlAddress, FLEET_MYSQL_USERNAME: t.mysqlUser?.name ?? 'root',
    ...(t.mysqlUser ? { FLEET_MYSQL_PASSWORD: t.mysqlUser.password } : {}),
    FLEET_MYSQL_DATABASE: t.database, FLEET_REDIS_ADDRESS: t.redisAddress, FLEET_REDIS_KEY_PREFIX: t.redisPrefix,
  };
}

function exited(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
}

export async function prepareDb(t: FleetTarget): Promise<void> {
  const child = spawn(process.execPath, [FLEET_BIN, 'prepare', 'db', '--no-prompt'], { env: fleetEnv(t), stdio: ['ignore', 'ignore', 'inherit'] });
  if ((await exited(child)) !== 0) throw new Error('fleet prepare db failed');
}

export async function waitHealthy(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${url} not healthy after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * `fleet serve` with all roles on one port, or one role with `role`. Label and policy queries are due every
 * `updateInterval` (Fleet's 1 h default would put the new-label phase past the time budget); agent logs and the
 * server's own log go to `logDir`, not the shared /tmp files (one server log per role when roles run apart).
 */
export function startFleet(t: FleetTarget, port: number, opts: { updateInterval: string; logDir: string; cpuProfDir?: string; role?: string }): ChildProcess {
  const prof = opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`, '--cpu-prof-interval=2000'] : [];
  const role = opts.role ? [`--role=${opts.role}`] : [];
  const log = opts.role ? `server-${opts.role}-${port}.log` : 'server.log';
  return spawn(process.execPath, [...prof, FLEET_BIN, 'serve', ...role, '--server_tls=false', `--server_address=127.0.0.1:${port}`,
    `--osquery_label_update_interval=${opts.updateInterval}`, `--osquery_policy_update_interval=${opts.updateInterval}`,
    `--filesystem_status_log_file=${opts.logDir}/status.log`, `--filesystem_result_log_file=${opts.logDir}/result.log`, '--logging_disable_banner'],
  { env: fleetEnv(t), stdio: ['ignore', openSync(`${opts.logDir}/${log}`, 'a'), 'inherit'] });
}

export function startBare(port: number): ChildProcess {
  return spawn(process.execPath, [path.join(__dirname, 'bare-server.main.js'), String(port)],
    { env: { PATH: processEnv()['PATH'] ?? '/usr/bin:/bin' }, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** SIGTERM, then wait for exit (the CPU profile is written during a clean exit), SIGKILL after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 30_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = exited(child);
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await done;
  clearTimeout(timer);
}

/** Parent side of the simulator worker: one command at a time, replies in order. */
export class SimControl {
  readonly child: ChildProcess;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(args: SimWorkerArgs) {
    this.child = fork(path.join(__dirname, 'sim-worker.main.js'), [JSON.stringify(args)], {
      env: { PATH: processEnv()['PATH'] ?? '/usr/bin:/bin' }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      // A 64 MB young generation (V8's default is 16): nearly all the simulator allocates is short-lived (request
      // bodies, parsed answers). In one run each at 15,000 hosts, its GC time in the step fell from 3.5 s to 2.0 s
      // and its CPU from 45 % to 36 % of a core (the check-in p99 varies more than that between runs of one build).
      // --expose-gc: hosts built to wait for a storm are collected before it starts (sim-worker.main.ts).
      execArgv: ['--max-old-space-size=4096', '--max-semi-space-size=64', '--expose-gc'],
    });
  }

  /**
   * Builds `hosts` more simulated agents. With `start` false they wait for `start()`: building 10,000 hosts
   * takes the simulator a second or two of CPU and garbage collection, which a storm must not pay at its start.
   */
  async add(hosts: number, rampMs: number, start = true): Promise<number> {
    const r = await this.send({ type: 'add', hosts, rampMs, start });
    return r.type === 'added' ? r.hostsTotal : 0;
  }

  /** Starts every host built with `add(…, false)`; resolves once they have all been started. */
  async start(): Promise<number> {
    const r = await this.send({ type: 'start' });
    return r.type === 'started' ? r.hosts : 0;
  }

  async window(): Promise<SimWindow> {
    const r = await this.send({ type: 'window' });
    if (r.type !== 'window') throw new Error(`unexpected reply ${r.type}`);
    return r.window;
  }

  async live(queryName: string, sinceMs: number, targetHosts: number): Promise<Extract<SimReply, { type: 'live' }>> {
    const r = await this.send({ type: 'live', queryName, sinceMs, targetHosts });
    if (r.type !== 'live') throw new Error(`unexpected reply ${r.type}`);
    return r;
  }

  async stop(): Promise<void> {
    const done = exited(this.child);
    await this.send({ type: 'stop' });
    await done;
  }

  /** Serialises commands: the worker answers in order, so each reply belongs to the command sent just before. */
  private send(cmd: SimCommand): Promise<SimReply> {
    const run = async (): Promise<SimReply> => {
      const reply = once(this.child, 'message') as Promise<[SimReply]>;
      this.child.send(cmd);
      return (await reply)[0];
    };
    const p = this.chain.then(run, run);
    this.chain = p.catch(() => undefined);
    return p;
  }
}
