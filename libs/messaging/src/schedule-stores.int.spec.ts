import { randomBytes } from 'node:crypto';
import { testConfig } from '@fleet/testing';
import { CronLeaseStore } from './cron-lease.store';
import { closeRedis, createRedis, redisReady } from './redis.factory';
import type { RedisClient } from './redis.factory';
import { cronKeys } from './redis-lease';
import { WebhookStateStore } from './webhook-state.store';

/** The stores of the background schedules against the real Redis, under a key prefix of their own. */
describe('CronLeaseStore and WebhookStateStore', () => {
  let redis: RedisClient;
  let leases: CronLeaseStore;
  let webhooks: WebhookStateStore;

  beforeAll(async () => {
    redis = createRedis(testConfig({ redis_key_prefix: `fleet_test_schedules_${randomBytes(4).toString('hex')}:` }));
    await redisReady(redis, 5000);
    leases = new CronLeaseStore(redis);
    webhooks = new WebhookStateStore(redis);
  });
  afterAll(() => closeRedis(redis));

  it('gives a schedule\'s lease to one holder at a time; only that holder renews or releases it', async () => {
    expect(await leases.acquire('automations', 'a', 10_000)).toBe(true);
    expect(await leases.acquire('automations', 'b', 10_000)).toBe(false);
    expect(await leases.isRunning('automations')).toBe(true);
    expect(await leases.isRunning('cleanups_then_aggregation')).toBe(false);
    expect(await leases.renew('automations', 'b', 60_000)).toBe(false);
    expect(await leases.renew('automations', 'a', 60_000)).toBe(true);
    expect(await redis.pttl(cronKeys.lease('automations'))).toBeGreaterThan(10_000);
    await leases.release('automations', 'b');
    expect(await leases.isRunning('automations')).toBe(true);
    await leases.release('automations', 'a');
    expect(await leases.isRunning('automations')).toBe(false);
    expect(await leases.renew('automations', 'a', 60_000)).toBe(false);
    expect(await leases.acquire('automations', 'b', 10_000)).toBe(true);
  });

  it('replaces and trims a policy\'s reported-failing hosts, each set expiring on its own', async () => {
    expect(await webhooks.reportedFailing(7)).toEqual(new Set());
    await webhooks.replaceReportedFailing(7, [1, 2, 3]);
    expect(await webhooks.reportedFailing(7)).toEqual(new Set([1, 2, 3]));
    expect(await redis.ttl(cronKeys.reportedFailing(7))).toBeGreaterThan(24 * 3600);
    await webhooks.unreportFailing(7, [2, 9]);
    await webhooks.unreportFailing(7, []);
    expect(await webhooks.reportedFailing(7)).toEqual(new Set([1, 3]));
    await webhooks.replaceReportedFailing(7, []);
    expect(await redis.exists(cronKeys.reportedFailing(7))).toBe(0);
  });

  it('counts a webhook\'s generations from 0, each webhook on its own', async () => {
    expect(await webhooks.generation('failing_policy:7')).toBe(0);
    await webhooks.advanceGeneration('failing_policy:7');
    await webhooks.advanceGeneration('failing_policy:7');
    expect(await webhooks.generation('failing_policy:7')).toBe(2);
    expect(await webhooks.generation('host_status:global')).toBe(0);
    expect(await redis.ttl(cronKeys.webhookGeneration('failing_policy:7'))).toBeGreaterThan(24 * 3600);
  });
});
