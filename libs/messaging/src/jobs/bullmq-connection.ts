import type { FleetConfig } from '@fleet/config';
import { createRedis } from '../redis.factory';
import type { RedisClient } from '../redis.factory';

/**
 * BullMQ's key prefix: `<redis.key_prefix>bull`, so installations (and test files) sharing one Redis keep
 * their queues apart as they keep every other key. In cluster mode the prefix is a hash tag (`{...}`):
 * BullMQ's scripts touch several keys of a queue at once, and those must live in one slot.
 */
export function bullPrefix(redis: FleetConfig['redis']): string {
  const prefix = `${redis.key_prefix}bull`;
  return redis.cluster ? `{${prefix}}` : prefix;
}

/**
 * A connection of its own for BullMQ, with every `redis.*` option (address, password, database, TLS,
 * cluster) except `key_prefix`: BullMQ refuses ioredis' keyPrefix and namespaces with `bullPrefix` instead.
 * `worker`: BullMQ's workers need `maxRetriesPerRequest: null` (their commands wait for Redis to return);
 * the producer's connection fails fast instead, so a schedule run that cannot queue records an error and
 * leaves its state for the next run.
 */
export function createBullConnection(config: FleetConfig, kind: 'producer' | 'worker'): RedisClient {
  return createRedis(config, { keyPrefix: '', blocking: kind === 'worker' });
}
