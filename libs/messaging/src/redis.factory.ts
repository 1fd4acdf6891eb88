import { readFileSync } from 'node:fs';
import { Cluster, Redis } from 'ioredis';
import type { ClusterOptions, RedisOptions } from 'ioredis';
import type { FleetConfig } from '@fleet/config';
import { clusterSeeds, learnClusterNodes } from './cluster-seeds';

export type RedisClient = Redis | Cluster;

export interface RedisClientOptions {
  /** Prefix put before every key; tests use one per test file so that they never see each other's keys. */
  readonly keyPrefix?: string;
  /** Used for a dedicated blocking connection (XREAD BLOCK) that must not time out. */
  readonly blocking?: boolean;
}

function tls(c: FleetConfig['redis']): RedisOptions['tls'] {
  if (!c.use_tls) return undefined;
  return {
    ca: c.tls_ca ? readFileSync(c.tls_ca) : undefined,
    cert: c.tls_cert ? readFileSync(c.tls_cert) : undefined,
    key: c.tls_key ? readFileSync(c.tls_key) : undefined,
    servername: c.tls_server_name || undefined,
  };
}

/**
 * An ioredis client for the configured Redis (standalone or cluster, password, database number, TLS).
 * Commands fail fast while Redis is unreachable (one retry, then an error) instead of queueing forever,
 * so an agent request gets an `error` body quickly; the client keeps reconnecting in the background and
 * recovers on its own when Redis returns.
 */
export function createRedis(config: FleetConfig, options: RedisClientOptions = {}): RedisClient {
  const c = config.redis;
  const [host, portText] = c.address.split(/:(?=\d+$)/);
  const port = Number(portText ?? 6379);
  const base: RedisOptions = {
    username: c.username || undefined,
    password: c.password || undefined,
    db: c.database,
    connectTimeout: c.connect_timeout,
    keepAlive: c.keep_alive,
    tls: tls(c),
    keyPrefix: options.keyPrefix ?? (c.key_prefix || undefined),
    lazyConnect: false,
    // A command issued while Redis is unreachable fails at once instead of waiting in a queue, so agents
    // get an `error` answer without delay; the blocking worker connection queues and waits instead.
    enableOfflineQueue: Boolean(options.blocking),
    maxRetriesPerRequest: options.blocking ? null : 1,
    commandTimeout: options.blocking ? undefined : c.read_timeout,
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 6), 2000),
    // Commands issued in the same tick (many check-ins at once) share one socket write.
    enableAutoPipelining: !options.blocking,
  };
  if (c.cluster) {
    const clusterOptions: ClusterOptions = {
      // Node connections: ioredis' ConnectionPool gives each an offline queue and no retryStrategy whatever is passed
      // here (its own values win over these), so `base`'s fail-fast settings never reach them; stated for the reader.
      // What a failover needed was the startup nodes (cluster-seeds.ts), not this.
      redisOptions: { ...base, enableOfflineQueue: true } as ClusterOptions['redisOptions'],
      keyPrefix: options.keyPrefix ?? (c.key_prefix || undefined),
      scaleReads: c.cluster_read_from_replica ? 'slave' : 'master',
      maxRedirections: c.cluster_follow_redirections ? 16 : 0,
      enableOfflineQueue: Boolean(options.blocking),
    };
    // Started from every node this process has seen in the cluster, not only the configured one (cluster-seeds.ts).
    const seeds = clusterSeeds({ host: host || 'localhost', port });
    const cluster = new Cluster(seeds, clusterOptions);
    learnClusterNodes(cluster, seeds);
    return cluster;
  }
  return new Redis({ ...base, host: host || 'localhost', port });
}

/**
 * Waits until the client is connected (commands fail fast while it is not), for at most `timeoutMs`.
 * Resolves false when it did not connect in time; the client keeps trying in the background.
 */
export async function redisReady(redis: RedisClient, timeoutMs: number): Promise<boolean> {
  if (redis.status === 'ready') return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      resolve(false);
    }, timeoutMs);
    const onReady = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    redis.once('ready', onReady);
  });
}

/** Resolves when Redis answers PING within the timeout. */
export async function pingRedis(redis: RedisClient, timeoutMs = 2000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`redis did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([redis.ping(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Closes a client, waiting for pending replies but no longer than the timeout: then it is disconnected and this
 * returns whether or not its QUIT ever settles (a cluster client's QUIT to a node that died can stay pending).
 */
export async function closeRedis(redis: RedisClient, timeoutMs = 2000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      redis.disconnect();
      resolve();
    }, timeoutMs);
  });
  const quitting = redis.quit().then(() => undefined, () => redis.disconnect());
  try {
    await Promise.race([quitting, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
