import type { RedisClient } from './redis.factory';

/** Deletes the lease only if the caller still holds it. KEYS: lease. ARGV: token. */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
/** Extends the lease only if the caller still holds it. KEYS: lease. ARGV: token, ms. */
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

/**
 * A lease in one Redis key (SET NX PX): whoever holds it does a piece of work that must not run twice at
 * once across replicas. It expires on its own if the holder dies; release and renew act only for the holder.
 */
export const redisLease = {
  async acquire(redis: RedisClient, key: string, token: string, ms: number): Promise<boolean> {
    return (await redis.set(key, token, 'PX', ms, 'NX')) === 'OK';
  },
  async renew(redis: RedisClient, key: string, token: string, ms: number): Promise<boolean> {
    return Number(await redis.eval(RENEW, 1, key, token, String(ms))) === 1;
  },
  async release(redis: RedisClient, key: string, token: string): Promise<void> {
    await redis.eval(RELEASE, 1, key, token);
  },
  async held(redis: RedisClient, key: string): Promise<boolean> {
    return (await redis.exists(key)) === 1;
  },
};

/** Keys of the background schedules. */
export const cronKeys = {
  lease: (schedule: string): string => `fleet:cron:${schedule}:lease`,
  /** Set of host ids already reported failing a policy by its webhook (a host is reported again after it passed). */
  reportedFailing: (policyId: number): string => `fleet:cron:failing_policy:${policyId}`,
  /**
   * Counter of a webhook's deliveries (`host_status:global`, `host_status:team:3`, `failing_policy:7`), part of
   * their job ids: a run queues with the current value and advances it once its work is recorded, so a run
   * that repeats unrecorded work reuses the ids (nothing queued twice) while later work gets new ones.
   */
  webhookGeneration: (webhook: string): string => `fleet:cron:webhook_generation:${webhook}`,
} as const;
