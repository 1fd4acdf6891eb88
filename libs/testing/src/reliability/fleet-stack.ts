import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createConnection } from 'mysql2/promise';
import type { Connection } from 'mysql2/promise';
import { processEnv } from '@fleet/config';
import { freePort } from '../integration/free-port';
import type { NetworkNamespace } from '../integration/network-namespace';

export { freePort };

export const ENROLL_SECRET = 'reliability-secret';
export const SHARED_MYSQL = '127.0.0.1:3306';

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function mysqlAt(address: string, database?: string): Promise<Connection> {
  const [host, port] = address.split(':');
  return createConnection({ host, port: Number(port ?? 3306), user: 'root', database, timezone: 'Z', multipleStatements: false });
}

/** The environment of a fleet process: PATH plus the given settings, nothing inherited by accident. */
function fleetEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: processEnv()['PATH'] ?? '/usr/bin:/bin', ...env };
}

/**
 * A database of its own on the shared MariaDB (`fleet_rel_<label>_<hex>`), migrated by `fleet prepare db`, with
 * one global enroll secret, and a Redis key prefix of the same name. `mysql` stays connected directly to the
 * shared MariaDB (never through a proxy a scenario cuts), for setup and for reading what reached MySQL.
 */
export interface ReliabilityDatabase {
  readonly name: string;
  readonly mysql: Connection;
  /** FLEET_* settings naming this database and prefix; add the Redis address. */
  readonly env: Record<string, string>;
  drop(): Promise<void>;
}

export async function createDatabase(fleetMain: string, label: string, redisAddress: string): Promise<ReliabilityDatabase> {
  const name = `fleet_rel_${label.replace(/[^a-z0-9]/gi, '_').slice(0, 24)}_${randomBytes(3).toString('hex')}`;
  const root = await mysqlAt(SHARED_MYSQL);
  await root.query(`CREATE DATABASE \`${name}\``);
  await root.end();
  const env = {
    FLEET_MYSQL_ADDRESS: SHARED_MYSQL, FLEET_MYSQL_USERNAME: 'root', FLEET_MYSQL_DATABASE: name,
    FLEET_REDIS_ADDRESS: redisAddress, FLEET_REDIS_KEY_PREFIX: `${name}:`,
  };
  const prepared = await runToEnd(fleetMain, ['prepare', 'db', '--no-prompt'], env);
  const mysql = await mysqlAt(SHARED_MYSQL, name);
  const drop = async (): Promise<void> => {
    await mysql.query(`DROP DATABASE IF EXISTS \`${name}\``).catch(() => undefined);
    await mysql.end().catch(() => undefined);
  };
  if (prepared.code !== 0) {
    await drop();
    throw new Error(`fleet prepare db failed:\n${prepared.output}`);
  }
  await mysql.query('INSERT INTO enroll_secrets (secret, team_id) VALUES (?, NULL)', [ENROLL_SECRET]);
  return { name, mysql, env, drop };
}

function runToEnd(fleetMain: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fleetMain, ...args], { env: fleetEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

export interface ServerOptions {
  readonly fleetMain: string;
  /** `fleet serve` flags without the leading dashes, e.g. { role: 'ingest', osquery_result_log_plugin: 'webhook' }. */
  readonly flags: Record<string, string>;
  readonly env: Record<string, string>;
  /** Address to listen on (host:port); agents and probes use `http://<listen>`. */
  readonly listen: string;
  /** The server's own log (stdout and stderr). */
  readonly logFile: string;
  /** Run inside this network namespace (its links must already exist). */
  readonly namespace?: NetworkNamespace;
  /** Extra node flags, e.g. --max-old-space-size. */
  readonly nodeArgs?: readonly string[];
}

/** A running `fleet serve` process, its address and its memory as the kernel counts it. */
export interface FleetServer {
  readonly url: string;
  readonly child: ChildProcess;
  readonly options: ServerOptions;
  /** Resident set size in MiB (from /proc), undefined once the process is gone. */
  rssMb(): number | undefined;
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
  /** Whether the process is still running. */
  alive(): boolean;
}

export function readRssMb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round((Number(m[1]) / 1024) * 10) / 10 : undefined;
  } catch {
    return undefined;
  }
}

export async function waitHealthy(url: string, timeoutMs = 60_000, path_ = '/healthz'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(`${url}${path_}`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${url}${path_} not healthy after ${timeoutMs} ms`);
    await sleep(200);
  }
}

/** Starts `fleet serve --server_tls=false` and resolves once it answers /healthz with 200. */
export async function startServer(o: ServerOptions): Promise<FleetServer> {
  const args = [...(o.nodeArgs ?? []), o.fleetMain, 'serve', '--server_tls=false', `--server_address=${o.listen}`, '--logging_json',
    ...Object.entries(o.flags).map(([k, v]) => `--${k}=${v}`)];
  const fd = openSync(o.logFile, 'a');
  const spawnOptions = { env: fleetEnv(o.env), stdio: ['ignore', fd, fd] as ['ignore', number, number] };
  const child = o.namespace ? o.namespace.spawn(process.execPath, args, spawnOptions) : spawn(process.execPath, args, spawnOptions);
  closeSync(fd);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const server: FleetServer = {
    url: `http://${o.listen}`, child, options: o,
    rssMb: () => (child.exitCode === null && child.signalCode === null ? readRssMb(child.pid) : undefined),
    alive: () => child.exitCode === null && child.signalCode === null,
    stop: async (signal = 'SIGTERM', graceMs = 30_000) => {
      if (!server.alive()) return;
      child.kill(signal);
      const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(force);
    },
  };
  try {
    await Promise.race([waitHealthy(server.url), exited.then(() => { throw new Error(`fleet serve exited before it was healthy; see ${o.logFile}`); })]);
  } catch (err) {
    await server.stop('SIGKILL');
    throw err;
  }
  return server;
}

/** Where a scenario keeps its server logs: one temporary folder per run, named in the results. */
export function logPath(runDir: string, name: string): string {
  return path.join(runDir, `${name}.log`);
}
