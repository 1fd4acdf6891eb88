import { randomUUID } from 'node:crypto';
import type { RedisClient } from './redis.factory';
import { redisLease } from './redis-lease';

/**
 * Short exclusive locks across replicas (first-run setup): `run` does its work only while it holds the named
 * lock and releases it after, only if still its own; a holder that dies lets the lock expire.
 */
export class LockStore {
  constructor(private readonly redis: RedisClient) {}

  /** Runs `work` under the lock, or calls `busy` when another replica holds it. */
  async run<T>(name: string, ttlMs: number, work: () => Promise<T>, busy: () => never): Promise<T> {
    const key = `fleet:lock:${name}`;
    const token = randomUUID();
    if (!(await redisLease.acquire(this.redis, key, token, ttlMs))) busy();
    try {
      return await work();
    } finally {
      await redisLease.release(this.redis, key, token);
    }
  }
}
