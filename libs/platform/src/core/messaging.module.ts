import { Global, Module } from '@nestjs/common';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { CampaignResultsFeed, CampaignStore, CronLeaseStore, HostCacheStore, HostSummaryCacheStore, LockStore, SsoSessionStore, WebhookStateStore, createRedis } from '@fleet/messaging';
import type { RedisClient } from '@fleet/messaging';
import { REDIS } from './tokens';

/**
 * The Redis stores, each owning every Redis operation of its concept (host cache and agent-config version,
 * live-query campaigns and their result streams, host-summary counts, schedule leases, what the webhooks reported),
 * bound once for the process; services inject a store, never the raw client.
 */
@Global()
@Module({
  providers: [
    { provide: HostCacheStore, useFactory: (r: RedisClient, c: FleetConfig) => new HostCacheStore(r, Math.max(1, Math.round(c.redis.host_cache_ttl / 1000))), inject: [REDIS, FLEET_CONFIG] },
    { provide: CampaignStore, useFactory: (r: RedisClient) => new CampaignStore(r), inject: [REDIS] },
    { provide: LockStore, useFactory: (r: RedisClient) => new LockStore(r), inject: [REDIS] },
    // Each follow of a results stream blocks its own connection (XREAD BLOCK); the feed opens one per follow.
    { provide: CampaignResultsFeed, useFactory: (r: RedisClient, c: FleetConfig) => new CampaignResultsFeed(r, () => createRedis(c, { blocking: true })), inject: [REDIS, FLEET_CONFIG] },
    { provide: CronLeaseStore, useFactory: (r: RedisClient) => new CronLeaseStore(r), inject: [REDIS] },
    { provide: HostSummaryCacheStore, useFactory: (r: RedisClient) => new HostSummaryCacheStore(r), inject: [REDIS] },
    { provide: WebhookStateStore, useFactory: (r: RedisClient) => new WebhookStateStore(r), inject: [REDIS] },
    { provide: SsoSessionStore, useFactory: (r: RedisClient) => new SsoSessionStore(r), inject: [REDIS] },
  ],
  exports: [HostCacheStore, CampaignStore, HostSummaryCacheStore, CampaignResultsFeed, CronLeaseStore, LockStore, WebhookStateStore, SsoSessionStore],
})
export class MessagingModule {}
