import { Inject, Injectable } from '@nestjs/common';
import { authorize, authorizeScope } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import type { Clock, HostSummary, Label } from '@fleet/domain';
import { HostSummaryCacheStore, hostSummaryCacheKey } from '@fleet/messaging';
import type { HostSummaryKey } from '@fleet/messaging';
import type { Logger } from '@fleet/observability';
import { HostRepository, HostSummaryRepository, LabelRepository } from '@fleet/persistence';
import { CLOCK, LOGGER } from '@fleet/platform';

/** What `/host_summary` shows: the counts, the built-in labels and, when asked, the hosts low on disk space. */
export interface HostSummaryView { readonly summary: HostSummary; readonly builtins: readonly Label[]; readonly lowDiskSpace?: number }

/**
 * `/host_summary`: counts by status and platform within the caller's teams, plus the built-in labels. Counts
 * come from a cache keyed by the exact scope, team and platform (HostSummaryCacheStore), served stale while recomputed.
 */
@Injectable()
export class HostSummaryService {
  private readonly computing = new Map<string, Promise<HostSummary>>();

  constructor(
    private readonly summaries: HostSummaryRepository,
    private readonly hosts: HostRepository,
    private readonly labels: LabelRepository,
    private readonly cache: HostSummaryCacheStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** A positive `teamId` needs a reading role on that team; 0 (no team) and none count within the caller's scope. */
  async summary(caller: Caller, teamId: number | undefined, platform: string | undefined, lowDiskSpace?: number): Promise<HostSummaryView> {
    if (teamId !== undefined && teamId > 0) authorize(caller, 'host:read', { teamId });
    const scope = authorizeScope(caller, 'host:read');
    const key = { scope, teamId, platform };
    const [summary, builtins, low] = await Promise.all([
      this.cachedSummary(key), this.labels.builtins(),
      lowDiskSpace === undefined ? undefined : this.hosts.count(scope, { teamId, ...(platform ? { platform } : {}), lowDiskSpace }, this.clock.now()),
    ]);
    return { summary, builtins, ...(low === undefined ? {} : { lowDiskSpace: low }) };
  }

  /**
   * Fresh counts from the cache; older ones (up to HOST_SUMMARY_STALE_SECONDS) at once while this process computes
   * new ones in the background; none cached: computed now. One computation per key at a time in a process.
   */
  private async cachedSummary(key: HostSummaryKey): Promise<HostSummary> {
    const hit = await this.cache.get(key, this.clock.now().getTime());
    if (hit?.fresh) return hit.summary;
    if (hit) {
      this.recompute(key).catch((err: unknown) => this.logger.warn({ err: (err as Error).message }, 'host summary not refreshed; the older counts stay served'));
      return hit.summary;
    }
    return this.recompute(key);
  }

  private recompute(key: HostSummaryKey): Promise<HostSummary> {
    const id = hostSummaryCacheKey(key);
    const running = this.computing.get(id);
    if (running) return running;
    const work = (async () => {
      const now = this.clock.now();
      const summary = await this.summaries.summary(key.scope, key.teamId, key.platform, now);
      await this.cache.put(key, summary, now.getTime());
      return summary;
    })().finally(() => this.computing.delete(id));
    this.computing.set(id, work);
    return work;
  }
}
