import { Inject, Injectable } from '@nestjs/common';
import type { DirectRequest } from '@fleet/platform';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { DomainError } from '@fleet/domain';
import type { Clock } from '@fleet/domain';
import { HostCacheStore } from '@fleet/messaging';
import type { Logger } from '@fleet/observability';
import { AgentHostRepository } from '@fleet/persistence';
import { CLOCK, LOGGER } from '@fleet/platform';
import { SeenTimesRecorder } from '../writer/seen-times.recorder';
import { LocalHostCacheLifecycle } from './local-host-cache.provider';
import { nodeKeyOf } from './node-key';
import type { LocalHostCache } from './local-host.cache';
import type { AgentHost } from '@fleet/domain';

/**
 * Node key → host, for every agent request: from this process's memory (LocalHostCache, kept current through the
 * invalidation stream), else the Redis host cache, else MySQL. `node_invalid` is answered only for a missing or
 * unknown key; when MySQL fails the agent gets an `error` instead (a re-enroll storm must never follow an outage).
 * Redis is a cache here: when it fails, MySQL answers alone.
 */
@Injectable()
export class AgentAuthService {
  private readonly local: LocalHostCache;
  private readonly allowBodyAuth: boolean;

  constructor(
    private readonly hosts: AgentHostRepository,
    private readonly seen: SeenTimesRecorder,
    private readonly cache: HostCacheStore,
    local: LocalHostCacheLifecycle,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(FLEET_CONFIG) config: FleetConfig,
  ) {
    this.local = local.cache;
    this.allowBodyAuth = config.osquery.allow_body_auth_fallback;
  }

  /** The host of an agent request, by its node key (header, or body where allowed: nodeKeyOf). */
  authenticateRequest(req: DirectRequest, body: unknown): Promise<AgentHost> {
    return this.authenticate(nodeKeyOf(req, body, this.allowBodyAuth));
  }

  async authenticate(nodeKey: string): Promise<AgentHost> {
    if (!nodeKey) throw new DomainError('NODE_INVALID', 'authentication error: missing node key');
    const now = this.clock.now().getTime();
    const held = this.local.get(nodeKey, now);
    if (held) {
      this.seen.mark(held.id, now);
      return held;
    }
    const epoch = this.local.epoch;
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
    this.local.set(host, now, epoch);
    this.seen.mark(host.id, now);
    return host;
  }
}
