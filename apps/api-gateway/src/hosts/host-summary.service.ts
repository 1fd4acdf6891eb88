import { Inject, Injectable } from '@nestjs/common';
import { authorize, authorizeScope } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import type { Clock, HostSummary, Label } from '@fleet/domain';
import { HostSummaryCacheStore } from '@fleet/messaging';
import type { HostSummaryKey } from '@fleet/messaging';
import { HostRepository, HostSummaryRepository, LabelRepository } from '@fleet/persistence';
import { CLOCK } from '@fleet/platform';

/** What `/host_summary` shows: the counts, the built-in labels and, when asked, the hosts low on disk space. */
export interface HostSummaryView { readonly summary: HostSummary; readonly builtins: readonly Label[]; readonly lowDiskSpace?: number }

/**
 * `/host_summary`: counts by status and platform within the caller's teams, plus the built-in labels. Counts
 * come from a short-lived cache keyed by the exact scope, team and platform (HostSummaryCacheStore).
 */
@Injectable()
export class HostSummaryService {
  constructor(
    private readonly summaries: HostSummaryRepository,
    private readonly hosts: HostRepository,
    private readonly labels: LabelRepository,
    private readonly cache: HostSummaryCacheStore,
    @Inject(CLOCK) private readonly clock: Clock,
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

  private async cachedSummary(key: HostSummaryKey): Promise<HostSummary> {
    const hit = await this.cache.get(key);
    if (hit) return hit;
    const summary = await this.summaries.summary(key.scope, key.teamId, key.platform, this.clock.now());
    await this.cache.put(key, summary);
    return summary;
  }
}
