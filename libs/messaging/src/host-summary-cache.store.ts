import type { HostSummary, TeamScope } from '@fleet/domain';
import type { RedisClient } from './redis.factory';

/**
 * How long a computed summary is served from Redis. The counts need one pass over every host in scope
 * (≈300 ms at 100,000 hosts on 2 cores); dashboards poll it. Status is time-derived and hosts enroll
 * through the agent process, which cannot invalidate this key, so staleness is bounded by the TTL
 * alone: a summary is at most 5 s old, finer than Fleet's own (its counts come from a periodic cron).
 */
export const HOST_SUMMARY_TTL_SECONDS = 5;

/** What one cached summary counts: the caller's scope, the team asked for (0 = no team) and the platform. */
export interface HostSummaryKey {
  readonly scope: TeamScope;
  readonly teamId: number | undefined;
  readonly platform: string | undefined;
}

/** One key per exact scope, team and platform, so a caller never reads counts computed for other teams. */
export function hostSummaryCacheKey({ scope, teamId, platform }: HostSummaryKey): string {
  const teams = scope.kind === 'all' ? 'all' : [...scope.teamIds].sort((a, b) => a - b).join(',');
  return `admin:host_summary:${teams}:${teamId ?? '-'}:${platform ?? ''}`;
}

/** The short-lived cache of `/host_summary` counts; every Redis operation of it is here. */
export class HostSummaryCacheStore {
  constructor(private readonly redis: RedisClient, private readonly ttlSeconds = HOST_SUMMARY_TTL_SECONDS) {}

  /** The cached counts, or null when none is younger than the TTL. */
  async get(key: HostSummaryKey): Promise<HostSummary | null> {
    const hit = await this.redis.get(hostSummaryCacheKey(key));
    return hit ? (JSON.parse(hit) as HostSummary) : null;
  }

  async put(key: HostSummaryKey, summary: HostSummary): Promise<void> {
    await this.redis.set(hostSummaryCacheKey(key), JSON.stringify(summary), 'EX', this.ttlSeconds);
  }
}
