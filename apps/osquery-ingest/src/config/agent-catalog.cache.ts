import { Inject, Injectable } from '@nestjs/common';
import { HostCacheStore } from '@fleet/messaging';
import type { Logger } from '@fleet/observability';
import { AgentCatalogRepository } from '@fleet/persistence';
import { CLOCK, LOGGER } from '@fleet/platform';
import { DomainError } from '@fleet/domain';
import type { AgentCatalog, Clock } from '@fleet/domain';

/** How often the change counter in Redis is looked at; admin changes reach agents within about this. */
export const VERSION_CHECK_MS = 1000;
/** Reload even without a signal after this long, in case a change was made without bumping the counter. */
const MAX_AGE_MS = 30_000;

/**
 * The labels, policies, scheduled queries, packs and agent options every check-in consults, held in the
 * process and reloaded when the admin API bumps the change counter in Redis. One MySQL reload per change
 * per replica, instead of several queries per check-in.
 */
@Injectable()
export class AgentCatalogCache {
  private catalog: AgentCatalog | undefined;
  private loadedAt = 0;
  private version = '';
  private checkedAt = 0;
  private loading: Promise<AgentCatalog> | undefined;

  constructor(
    private readonly repo: AgentCatalogRepository,
    private readonly hostCache: HostCacheStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async get(): Promise<AgentCatalog> {
    const now = this.clock.now().getTime();
    if (this.catalog && now - this.checkedAt < VERSION_CHECK_MS && now - this.loadedAt < MAX_AGE_MS) return this.catalog;
    let version = this.version;
    try {
      version = await this.hostCache.configVersion();
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'config version unavailable; using the cached catalog');
    }
    this.checkedAt = now;
    if (this.catalog && version === this.version && now - this.loadedAt < MAX_AGE_MS) return this.catalog;
    this.loading ??= this.load(version).finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  /** Forces the next `get` to reload (tests and the admin API in the same process). */
  invalidate(): void {
    this.loadedAt = 0;
  }

  private async load(version: string): Promise<AgentCatalog> {
    try {
      const catalog = await this.repo.load();
      this.catalog = catalog;
      this.version = version;
      this.loadedAt = this.clock.now().getTime();
      return catalog;
    } catch (err) {
      if (this.catalog) {
        this.logger.warn({ err: (err as Error).message }, 'catalog reload failed; serving the previous one');
        return this.catalog;
      }
      throw new DomainError('DEPENDENCY_UNAVAILABLE', 'configuration unavailable', { cause: (err as Error).message });
    }
  }
}
