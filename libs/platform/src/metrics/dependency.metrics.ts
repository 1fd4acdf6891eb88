import type { DataSource } from '@fleet/persistence';
import type { RedisClient } from '@fleet/messaging';
import type { MetricsRegistry } from '@fleet/observability';

/** What the gauges read of mysql2's pool (its own fields: the pool exposes no counts). */
interface Mysql2PoolCounts {
  readonly _allConnections?: { readonly length: number };
  readonly _freeConnections?: { readonly length: number };
  readonly _connectionQueue?: { readonly length: number };
}

/** What the gauges read of an ioredis client: its state and the commands it has not had answered yet. */
interface RedisQueues {
  readonly status: string;
  readonly commandQueue?: { readonly length: number };
  readonly offlineQueue?: { readonly length: number };
}

/**
 * Pool gauges for the dashboard's "MySQL and Redis" row, read at scrape time:
 *   fleet_mysql_pool_connections{state}  in_use, idle, and waiting (requests queued for a connection) of the
 *                                        primary's pool (mysql.max_open_conns bounds in_use + idle);
 *   fleet_redis_connected                1 while the shared Redis client is ready;
 *   fleet_redis_commands_queued          commands sent and not yet answered, plus those held while disconnected.
 * A pool whose fields are not found (a read-replica cluster, another driver) reports no samples.
 */
export function registerDependencyMetrics(metrics: MetricsRegistry, dataSource: DataSource, redis: RedisClient): void {
  metrics.gauge('fleet_mysql_pool_connections', 'MySQL pool connections by state (in_use, idle, waiting requests), read at scrape time', ['state'], (g) => {
    const pool = (dataSource.driver as unknown as { pool?: Mysql2PoolCounts }).pool;
    if (!pool?._allConnections || !pool._freeConnections) return;
    g.set({ state: 'in_use' }, pool._allConnections.length - pool._freeConnections.length);
    g.set({ state: 'idle' }, pool._freeConnections.length);
    g.set({ state: 'waiting' }, pool._connectionQueue?.length ?? 0);
  });
  const client = redis as unknown as RedisQueues;
  metrics.gauge('fleet_redis_connected', '1 while the shared Redis client is connected and ready', [], (g) => {
    g.set(client.status === 'ready' ? 1 : 0);
  });
  metrics.gauge('fleet_redis_commands_queued', 'Redis commands sent and not yet answered, plus those held while disconnected', [], (g) => {
    g.set((client.commandQueue?.length ?? 0) + (client.offlineQueue?.length ?? 0));
  });
}
