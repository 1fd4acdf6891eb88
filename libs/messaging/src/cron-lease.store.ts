import type { RedisClient } from './redis.factory';
import { cronKeys, redisLease } from './redis-lease';

/**
 * The leases of the background schedules: the runner of the live-query role takes a schedule's lease for the
 * length of a run (renewing it while the run lasts), so one run of a schedule happens at a time across every
 * replica, and a replica that dies frees the schedule once its lease expires. The admin API reads the same
 * lease: a schedule whose lease is held is running on some replica now, so a trigger must wait.
 */
export class CronLeaseStore {
  constructor(private readonly redis: RedisClient) {}

  async isRunning(schedule: string): Promise<boolean> {
    return redisLease.held(this.redis, cronKeys.lease(schedule));
  }

  /** Takes the schedule's lease for `ms` under `holder` (unique per run); false when another holder has it. */
  async acquire(schedule: string, holder: string, ms: number): Promise<boolean> {
    return redisLease.acquire(this.redis, cronKeys.lease(schedule), holder, ms);
  }

  /** Extends the lease to `ms` from now if `holder` still has it; false when it was lost (expired, taken). */
  async renew(schedule: string, holder: string, ms: number): Promise<boolean> {
    return redisLease.renew(this.redis, cronKeys.lease(schedule), holder, ms);
  }

  /** Gives the lease up if `holder` still has it; another holder's lease is left alone. */
  async release(schedule: string, holder: string): Promise<void> {
    await redisLease.release(this.redis, cronKeys.lease(schedule), holder);
  }
}
