import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { createConnection } from 'mysql2/promise';
import type { Connection } from 'mysql2/promise';
import { freePort, runFleet, startFleet } from './fleet-process';
import type { RunningFleet } from './fleet-process';
import { startNginx } from './nginx';
import type { RunningNginx } from './nginx';

export const ENROLL_SECRET = 'lq-failover-secret';

/**
 * A multi-process fleet as it is deployed: one ingest role (agents talk to it directly), one live-query role,
 * `apiReplicas` api roles behind nginx, all on a fresh database (made by `fleet prepare db`) and a Redis key
 * prefix of their own, so nothing is shared with other tests on the same MariaDB and Redis.
 */
export interface NginxFleet {
  readonly mysql: Connection;
  readonly redis: Redis;
  readonly redisPrefix: string;
  readonly ingestUrl: string;
  readonly nginx: RunningNginx;
  /** The api replicas by their `host:port`, the form nginx's `$upstream_addr` reports. */
  readonly api: ReadonlyMap<string, RunningFleet>;
  close(): Promise<void>;
}

const serve = async (role: string, env: Record<string, string>): Promise<{ addr: string; fleet: RunningFleet }> => {
  const addr = `127.0.0.1:${await freePort()}`;
  return { addr, fleet: await startFleet(['serve', `--role=${role}`, '--server_tls=false', `--server_address=${addr}`], env, 'listening on') };
};

export async function startNginxFleet(apiReplicas: number): Promise<NginxFleet> {
  const database = `fleet_test_failover_${randomBytes(4).toString('hex')}`;
  const redisPrefix = `${database}:`;
  const env = {
    FLEET_MYSQL_ADDRESS: '127.0.0.1:3306', FLEET_MYSQL_USERNAME: 'root', FLEET_MYSQL_DATABASE: database,
    FLEET_REDIS_ADDRESS: '127.0.0.1:6379', FLEET_REDIS_KEY_PREFIX: redisPrefix,
    // Seen times reach MySQL quickly, so freshly enrolled hosts count as online targets.
    FLEET_OSQUERY_ASYNC_HOST_COLLECT_INTERVAL: '500ms',
  };
  const root = await createConnection({ host: '127.0.0.1', port: 3306, user: 'root' });
  await root.query(`CREATE DATABASE \`${database}\``);
  await root.end();
  const prepared = await runFleet(['prepare', 'db', '--no-prompt'], env, 60_000);
  if (prepared.code !== 0) throw new Error(`fleet prepare db failed:\n${prepared.stdout}\n${prepared.stderr}`);
  const mysql = await createConnection({ host: '127.0.0.1', port: 3306, user: 'root', database });
  await mysql.query('INSERT INTO enroll_secrets (secret, team_id) VALUES (?, NULL)', [ENROLL_SECRET]);
  const redis = new Redis({ host: '127.0.0.1', port: 6379, maxRetriesPerRequest: 2 });
  const started = await Promise.allSettled([serve('ingest', env), serve('live-query', env), ...Array.from({ length: apiReplicas }, () => serve('api', env))]);
  const procs = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  const stopAll = async (): Promise<void> => {
    // The replica the test SIGKILLed has already exited; stop() then resolves at once.
    await Promise.all(procs.map((p) => p.fleet.stop('SIGTERM')));
  };
  const dropStores = async (): Promise<void> => {
    await mysql.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await mysql.end();
    const keys = await redis.keys(`${redisPrefix}*`);
    for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
    redis.disconnect();
  };
  const [ingest, , ...apis] = procs;
  let nginx: RunningNginx;
  try {
    if (failed) throw failed.reason;
    nginx = await startNginx({ port: await freePort(), upstreams: apis.map((a) => a.addr) });
  } catch (err) {
    await stopAll();
    await dropStores();
    throw err;
  }
  return {
    mysql, redis, redisPrefix, nginx, ingestUrl: `http://${ingest.addr}`, api: new Map(apis.map((a) => [a.addr, a.fleet])),
    close: async () => {
      await nginx.stop();
      await stopAll();
      await dropStores();
    },
  };
}
