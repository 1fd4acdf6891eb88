import { Inject, Injectable } from '@nestjs/common';
import type { OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { HostCacheInvalidationFollower, HostCacheStore } from '@fleet/messaging';
import type { Logger } from '@fleet/observability';
import { LOGGER } from '@fleet/platform';
import { LocalHostCache } from './local-host.cache';

/**
 * The ingest role's in-process host cache (LocalHostCache) and the follower that keeps it honest: every replica
 * reads the host-cache invalidation stream on a blocking connection of its own and drops what other replicas or the
 * admin API changed. With `osquery.host_cache_local_size` 0 there is no local tier and no follower.
 */
@Injectable()
export class LocalHostCacheLifecycle implements OnModuleInit, OnApplicationShutdown {
  readonly cache: LocalHostCache;
  private follower: HostCacheInvalidationFollower | undefined;

  constructor(
    @Inject(FLEET_CONFIG) private readonly config: FleetConfig,
    store: HostCacheStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.cache = new LocalHostCache(config.redis.host_cache_ttl, config.osquery.host_cache_local_size, store.origin);
  }

  onModuleInit(): void {
    if (!this.cache.enabled) return;
    this.follower = HostCacheInvalidationFollower.forConfig(this.config, this.cache, this.logger);
    this.follower.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.follower?.stop();
  }
}
