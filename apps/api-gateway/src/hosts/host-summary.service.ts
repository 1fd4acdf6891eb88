import { Inject, Injectable } from '@nestjs/common';
import { authorize, authorizeScope } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import type { Clock, TeamScope } from '@fleet/domain';
import type { RedisClient } from '@fleet/messaging';
import { HostSummaryRepository, LabelRepository } from '@fleet/persistence';
import type { HostSummary, LabelRecord } from '@fleet/persistence';
import { CLOCK, REDIS } from '@fleet/platform';

/**
 * How long a computed summary is served from Redis. The counts need one pass over every host in scope
 * (≈300 ms at 100,000 hosts on 2 cores); dashboards poll it. Status is time-derived and hosts enroll
 * through the agent process, which cannot invalidate this key, so staleness is bounded by the TTL
 * alone: a summary is at most 5 s old, finer than Fleet's own (its counts come from a periodic cron).
 */
export const HOST_SUMMARY_TTL_SECONDS = 5;

const cacheKey = (scope: TeamScope, teamId: number | undefined, platform: string | undefined): string =>
  `admin:host_summary:${scope.kind === 'all' ? 'all' : [...scope.teamIds].sort((a, b) => a - b).join(',')}:${teamId ?? '-'}:${platform ?? ''}`;

/** `/host_summary`: counts by status and platform within the caller's teams, plus the built-in labels. */
@Injectable()
export class HostSummaryService {
  constructor(
    private readonly summaries: HostSummaryRepository,
    private readonly labels: LabelRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REDIS) private readonly redis: RedisClient,
  ) {}

  async summary(caller: Caller, teamId: number | undefined, platform: string | undefined): Promise<{ summary: HostSummary; builtins: LabelRecord[] }> {
    if (teamId !== undefined && teamId > 0) authorize(caller, 'host:read', { teamId });
    const scope = authorizeScope(caller, 'host:read');
    const [summary, builtins] = await Promise.all([this.cachedSummary(scope, teamId, platform), this.labels.builtins()]);
    return { summary, builtins };
  }

  /** The key holds only counts for exactly this scope, team and platform, so callers never see other teams' numbers. */
  private async cachedSummary(scope: TeamScope, teamId: number | undefined, platform: string | undefined): Promise<HostSummary> {
    const key = cacheKey(scope, teamId, platform);
    const hit = await this.redis.get(key);
    if (hit) return JSON.parse(hit) as HostSummary;
    const summary = await this.summaries.summary(scope, teamId, platform, this.clock.now());
    await this.redis.set(key, JSON.stringify(summary), 'EX', HOST_SUMMARY_TTL_SECONDS);
    return summary;
  }
}
