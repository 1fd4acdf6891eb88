import { Inject, Injectable } from '@nestjs/common';
import type { OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { HostCacheInvalidationFollower, HostCacheStore } from '@fleet/messaging';
import type { HostCachePatch } from '@fleet/messaging';
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
    private readonly store: HostCacheStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.cache = new LocalHostCache(config.redis.host_cache_ttl, config.osquery.host_cache_local_size, store.origin);
  }

  /**
   * A write changed these facts of a host: the cached copies reflect it at once, so the next request does not ask
   * or write the same again before the batch writer reached MySQL. This process's copy now, Redis's (and through
   * its notice, other replicas') without holding the answer: the update is two round trips that each wait a turn
   * of the event loop under load, and at worst another replica repeats a question once; MySQL gets the write
   * either way.
   */
  patchHost(nodeKey: string, patch: HostCachePatch): void {
    this.cache.patch(nodeKey, patch);
    void this.store.update(nodeKey, patch).catch((err: unknown) => {
      this.logger.warn({ err: (err as Error).message }, 'host cache not updated');
    });
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
