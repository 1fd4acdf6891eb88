import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import { createConnection, type Connection } from 'mysql2/promise';
import type { ChildProcess } from 'node:child_process';
import { freePort, RedisServerProcess, startBalancer, type Balancer } from '@fleet/testing';
import type { BenchOptions } from './bench-options';
import { prepareDb, startFleet, stopChild, waitHealthy, type FleetTarget } from './processes';
import { childPidOf, pidOf, SERVER_PART } from './system-probe';

export const ENROLL_SECRET = 'bench-load-secret';

/** MariaDB/Redis connections for measurement, and the addresses split for the mysql2 client. */
export async function connectStores(o: BenchOptions, database?: string): Promise<{ mysql: Connection; redis: Redis }> {
  const [host, port] = o.mysql.split(':');
  const mysql = await createConnection({ host, port: Number(port ?? 3306), user: 'root', database, timezone: 'Z' });
  const [rhost, rport] = o.redis.split(':');
  const redis = new Redis({ host: rhost, port: Number(rport ?? 6379), lazyConnect: false, maxRetriesPerRequest: 2 });
  return { mysql, redis };
}

export interface FleetUnderTest {
  /** Where agents and the admin client go: the server itself, or nginx in front of the split roles. */
  readonly url: string;
  /** A server whose /metrics give the event-loop lag agents feel (an ingest process when roles run apart). */
  readonly metricsUrl: string;
  /** The server's processes for CPU accounting: `server`, or `server:<role>-<n>` per process plus nginx's worker. */
  serverPids(): Record<string, number | undefined>;
  readonly target: FleetTarget;
  readonly profileDir: string | undefined;
  readonly stores: { mysql: Connection; redis: Redis };
  readonly sharedPids: { mariadbd: number | undefined; 'redis-server': number | undefined };
  /** The server's own MySQL user (its USER_STATISTICS are the server's alone). */
  readonly mysqlUser: string;
  /** Stops every server process (each writes its CPU profile) and starts it again on its port with another label/policy refresh. */
  restart(updateInterval: string): Promise<void>;
  close(): Promise<string[]>;
}

/**
 * A fresh database, MySQL user and Redis of its own (other engineers share this MariaDB and Redis), migrated,
 * with one global enroll secret, and `fleet serve` running on it. The user of its own (with MariaDB's
 * userstat on) and the redis-server of its own make the MySQL statement, row and CPU counts and the Redis
 * command and memory counts the server's alone, whatever else runs on the machine. close() stops the server
 * (writing the CPU profile), drops the database and the user, stops its Redis, and returns the profile files.
 */
export async function startFleetUnderTest(o: BenchOptions, runDir: string): Promise<FleetUnderTest> {
  const id = randomBytes(4).toString('hex');
  const redisServer = new RedisServerProcess();
  await redisServer.start();
  const mysqlUser = { name: `fleet_bench_${id}`, password: randomBytes(12).toString('hex') };
  const target: FleetTarget = { database: `fleet_bench_load_${id}`, redisPrefix: `bench-load-${id}:`, mysqlAddress: o.mysql, redisAddress: redisServer.address, mysqlUser };
  const admin = await connectStores(o);
  await admin.mysql.query(`CREATE DATABASE \`${target.database}\``);
  for (const host of ['127.0.0.1', 'localhost']) {
    await admin.mysql.query(`CREATE USER '${mysqlUser.name}'@'${host}' IDENTIFIED BY '${mysqlUser.password}'`);
    await admin.mysql.query(`GRANT ALL ON \`${target.database}\`.* TO '${mysqlUser.name}'@'${host}'`);
  }
  await admin.mysql.query('SET GLOBAL userstat = 1');
  await admin.mysql.end();
  admin.redis.disconnect();
  await prepareDb(target);
  const stores = await connectStores({ ...o, redis: redisServer.address }, target.database);
  await stores.mysql.query('INSERT INTO enroll_secrets (secret, team_id) VALUES (?, NULL)', [ENROLL_SECRET]);
  const profileDir = o.profile ? path.join(runDir, 'profile') : undefined;
  const logDir = path.join(runDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const servers = o.topology === 'split' ? await startSplit(o, target, logDir, profileDir) : startSingle(o, target, logDir, profileDir);
  const dropAll = async (): Promise<void> => {
    await servers.stop();
    await stores.mysql.query(`DROP DATABASE \`${target.database}\``);
    for (const host of ['127.0.0.1', 'localhost']) await stores.mysql.query(`DROP USER IF EXISTS '${mysqlUser.name}'@'${host}'`);
    await stores.mysql.end();
    stores.redis.disconnect();
    await redisServer.stop();
  };
  // A server that never gets healthy must not leave its database behind on the shared MariaDB.
  await servers.ready().catch(async (err: unknown) => {
    await dropAll();
    throw err;
  });
  return {
    url: servers.url, metricsUrl: servers.metricsUrl, serverPids: servers.pids, target, profileDir, stores,
    sharedPids: { mariadbd: pidOf('mariadbd'), 'redis-server': redisServer.pid }, mysqlUser: mysqlUser.name,
    restart: (updateInterval) => servers.restart(updateInterval),
    async close() {
      await dropAll();
      return profileDir ? readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(profileDir, f)) : [];
    },
  };
}

/** The server processes of one run, however many there are. */
interface Servers {
  readonly url: string;
  readonly metricsUrl: string;
  readonly pids: () => Record<string, number | undefined>;
  ready(): Promise<void>;
  restart(updateInterval: string): Promise<void>;
  stop(): Promise<void>;
}

function startSingle(o: BenchOptions, target: FleetTarget, logDir: string, cpuProfDir: string | undefined): Servers {
  const start = (updateInterval: string): ChildProcess => startFleet(target, o.port, { updateInterval, logDir, cpuProfDir });
  let child = start(o.updateInterval);
  const url = `http://127.0.0.1:${o.port}`;
  return {
    url, metricsUrl: url, pids: () => ({ server: child.pid }), ready: () => waitHealthy(url), stop: () => stopChild(child),
    restart: async (updateInterval) => {
      await stopChild(child);
      child = start(updateInterval);
      await waitHealthy(url);
    },
  };
}

/** The chart's ingress paths for agents; everything else goes to the api role. */
const AGENT_PATHS = ['/api/osquery/', '/api/v1/osquery/'];
const SPLIT_ROLES = ['ingest', 'ingest', 'api', 'live-query'] as const;

/**
 * Issue 16 acceptance 5: the roles as a deployment runs them, two ingest processes, one api and one live-query,
 * each on a port of its own, behind a real nginx on `o.port` that routes agent paths to the ingest pair (round
 * robin) and the rest to the api process. The live-query process serves no routed path; it consumes streams.
 */
async function startSplit(o: BenchOptions, target: FleetTarget, logDir: string, cpuProfDir: string | undefined): Promise<Servers> {
  const procs: Array<{ name: string; url: string; port: number; child: ChildProcess; role: string }> = [];
  const start = (port: number, role: string, updateInterval: string): ChildProcess => startFleet(target, port, { updateInterval, logDir, cpuProfDir, role });
  for (const [i, role] of SPLIT_ROLES.entries()) {
    const port = await freePort();
    const n = SPLIT_ROLES.slice(0, i).filter((r) => r === role).length + 1;
    procs.push({ name: `${SERVER_PART}${role}-${n}`, role, url: `http://127.0.0.1:${port}`, port, child: start(port, role, o.updateInterval) });
  }
  const address = (role: string): string[] => procs.filter((p) => p.role === role).map((p) => p.url.replace('http://', ''));
  let balancer: Balancer | undefined;
  const stop = async (): Promise<void> => {
    await balancer?.stop();
    await Promise.all(procs.map((p) => stopChild(p.child)));
  };
  return {
    url: `http://127.0.0.1:${o.port}`,
    metricsUrl: procs[0]?.url ?? '',
    pids: () => ({ ...Object.fromEntries(procs.map((p) => [p.name, p.child.pid])), nginx: childPidOf(balancer?.pid) }),
    ready: async () => {
      await Promise.all(procs.map((p) => waitHealthy(p.url)));
      balancer = await startBalancer(o.port, address('api'), AGENT_PATHS.map((prefix) => ({ prefix, upstreams: address('ingest') })));
      await waitHealthy(`http://127.0.0.1:${o.port}`);
    },
    // nginx stays up in front of the same ports; agents see refused upstreams for the seconds the roles take to start.
    restart: async (updateInterval) => {
      await Promise.all(procs.map(async (p) => {
        await stopChild(p.child);
        p.child = start(p.port, p.role, updateInterval);
        await waitHealthy(p.url);
      }));
    },
    stop,
  };
}

export function machineFacts(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(), cpuModel: cpus[0]?.model ?? '', cpus: cpus.length, memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version, kernel: os.release(), loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}
