import { Global, Module } from '@nestjs/common';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { CampaignStore, HostCacheStore } from '@fleet/messaging';
import type { RedisClient } from '@fleet/messaging';
import { REDIS } from './tokens';

/**
 * The Redis stores, each owning every Redis operation of its concept (host cache and agent-config version,
 * live-query campaigns), bound once for the process; services inject a store, never the raw client.
 */
@Global()
@Module({
  providers: [
    { provide: HostCacheStore, useFactory: (r: RedisClient, c: FleetConfig) => new HostCacheStore(r, Math.max(1, Math.round(c.redis.host_cache_ttl / 1000))), inject: [REDIS, FLEET_CONFIG] },
    { provide: CampaignStore, useFactory: (r: RedisClient) => new CampaignStore(r), inject: [REDIS] },
  ],
  exports: [HostCacheStore, CampaignStore],
})
export class MessagingModule {}
