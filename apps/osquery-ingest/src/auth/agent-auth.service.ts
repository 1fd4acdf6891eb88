import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@fleet/domain';
import type { Clock } from '@fleet/domain';
import { HostCacheStore } from '@fleet/messaging';
import type { Logger } from '@fleet/observability';
import { AgentHostRepository } from '@fleet/persistence';
import { CLOCK, LOGGER } from '@fleet/platform';
import { SeenTimesRecorder } from '../writer/seen-times.recorder';
import type { AgentHost } from '@fleet/domain';

/**
 * Node key → host, for every agent request. `node_invalid` is answered only for a missing or unknown key;
 * when MySQL fails the agent gets an `error` instead (a re-enroll storm must never follow an outage).
 * Redis is a cache here: when it fails, MySQL answers alone.
 */
@Injectable()
export class AgentAuthService {
  constructor(
    private readonly hosts: AgentHostRepository,
    private readonly seen: SeenTimesRecorder,
    private readonly cache: HostCacheStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

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
    this.seen.mark(host.id, this.clock.now().getTime());
    return host;
  }
}
