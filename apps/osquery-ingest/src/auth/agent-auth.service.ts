import { Inject, Injectable } from '@nestjs/common';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { DomainError } from '@fleet/domain';
import type { RedisClient } from '@fleet/messaging';
import type { Logger } from '@fleet/observability';
import { AgentHostRepository } from '@fleet/persistence';
import type { AgentHost } from '@fleet/persistence';
import { LOGGER, REDIS } from '@fleet/platform';
import { SeenTimesRecorder } from '../writer/seen-times.recorder';
import { HostCache } from './host-cache';

/**
 * Node key → host, for every agent request. `node_invalid` is answered only for a missing or unknown key;
 * when MySQL fails the agent gets an `error` instead (a re-enroll storm must never follow an outage).
 * Redis is a cache here: when it fails, MySQL answers alone.
 */
@Injectable()
export class AgentAuthService {
  readonly cache: HostCache;

  constructor(
    private readonly hosts: AgentHostRepository,
    private readonly seen: SeenTimesRecorder,
    @Inject(REDIS) redis: RedisClient,
    @Inject(FLEET_CONFIG) config: FleetConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.cache = new HostCache(redis, Math.max(1, Math.round(config.redis.host_cache_ttl / 1000)));
  }

  async authenticate(nodeKey: string): Promise<AgentHost> {
    if (!nodeKey) throw new DomainError('NODE_INVALID', 'authentication error: missing node key');
    let host: AgentHost | null = null;
    let cacheUp = true;
    try {
      host = await this.cache.get(nodeKey);
    } catch (err) {
      cacheUp = false;
      this.logger.warn({ err: (err as Error).message }, 'host cache unavailable; reading MySQL');
    }
    if (!host) {
      try {
        host = await this.hosts.findByNodeKey(nodeKey);
      } catch (err) {
        throw new DomainError('DEPENDENCY_UNAVAILABLE', 'authentication error: host lookup failed', { cause: (err as Error).message });
      }
      if (!host) throw new DomainError('NODE_INVALID', 'authentication error: invalid node key');
      if (cacheUp) await this.cache.put(host).catch(() => undefined);
    }
    this.seen.mark(host.id, Date.now());
    return host;
  }
}
