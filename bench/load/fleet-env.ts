import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import { createConnection, type Connection } from 'mysql2/promise';
import type { ChildProcess } from 'node:child_process';
import { RedisServerProcess } from '@fleet/testing';
import type { BenchOptions } from './bench-options';
import { prepareDb, startFleet, stopChild, waitHealthy, type FleetTarget } from './processes';
import { pidOf } from './system-probe';

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
  readonly url: string;
  readonly child: ChildProcess;
  readonly target: FleetTarget;
  readonly profileDir: string | undefined;
  readonly stores: { mysql: Connection; redis: Redis };
  readonly sharedPids: { mariadbd: number | undefined; 'redis-server': number | undefined };
  /** The server's own MySQL user (its USER_STATISTICS are the server's alone). */
  readonly mysqlUser: string;
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
  const child = startFleet(target, o.port, { updateInterval: o.updateInterval, logDir, cpuProfDir: profileDir });
  const url = `http://127.0.0.1:${o.port}`;
  const dropAll = async (): Promise<void> => {
    await stopChild(child);
    await stores.mysql.query(`DROP DATABASE \`${target.database}\``);
    for (const host of ['127.0.0.1', 'localhost']) await stores.mysql.query(`DROP USER IF EXISTS '${mysqlUser.name}'@'${host}'`);
    await stores.mysql.end();
    stores.redis.disconnect();
    await redisServer.stop();
  };
  // A server that never gets healthy must not leave its database behind on the shared MariaDB.
  await waitHealthy(url).catch(async (err: unknown) => {
    await dropAll();
    throw err;
  });
  return {
    url, child, target, profileDir, stores, sharedPids: { mariadbd: pidOf('mariadbd'), 'redis-server': redisServer.pid }, mysqlUser: mysqlUser.name,
    async close() {
      await dropAll();
      return profileDir ? readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(profileDir, f)) : [];
    },
  };
}

export function machineFacts(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(), cpuModel: cpus[0]?.model ?? '', cpus: cpus.length, memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version, kernel: os.release(), loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}
