import type { RedisClient } from './redis.factory';
import { cronKeys, redisLease } from './redis-lease';

/**
 * The leases of the background schedules as the admin API sees them: a schedule whose lease is held is running
 * on some replica now (the runner takes the lease for the length of a run), so a trigger must wait.
 */
export class CronLeaseStore {
  constructor(private readonly redis: RedisClient) {}

  async isRunning(schedule: string): Promise<boolean> {
    return redisLease.held(this.redis, cronKeys.lease(schedule));
  }
}
