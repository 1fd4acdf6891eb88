import type { HostSummary, TeamScope } from '@fleet/domain';
import type { RedisClient } from './redis.factory';

/**
 * How long a computed summary counts as fresh. The counts need one pass over every host in scope (≈300 ms at
 * 100,000 hosts on 2 cores, seconds on a busy database); dashboards poll it. Status is time-derived and hosts
 * enroll through the agent process, which cannot invalidate this key, so freshness is bounded by time alone.
 */
export const HOST_SUMMARY_TTL_SECONDS = 5;

/**
 * How long an older summary is still served, at once, while a new one is computed in the background (stale
 * while revalidate): a dashboard opened after a quiet minute shows counts immediately and the fresh ones on its
 * next poll, instead of waiting for the pass over every host. Fleet's own counts come from a periodic cron.
 */
export const HOST_SUMMARY_STALE_SECONDS = 300;

/** A cached summary and whether it is younger than HOST_SUMMARY_TTL_SECONDS. */
export interface CachedHostSummary {
  readonly summary: HostSummary;
  readonly fresh: boolean;
}

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

/** The cache of `/host_summary` counts, fresh for a few seconds and served stale for a few minutes; every Redis operation of it is here. */
export class HostSummaryCacheStore {
  constructor(private readonly redis: RedisClient, private readonly freshSeconds = HOST_SUMMARY_TTL_SECONDS, private readonly staleSeconds = HOST_SUMMARY_STALE_SECONDS) {}

  /** The cached counts computed at most HOST_SUMMARY_STALE_SECONDS before `nowMs` (fresh when younger than the TTL), or null. */
  async get(key: HostSummaryKey, nowMs: number): Promise<CachedHostSummary | null> {
    const hit = await this.read(hostSummaryCacheKey(key));
    if (!hit) return null;
    const { at, summary } = JSON.parse(hit) as { at: number; summary: HostSummary };
    const age = nowMs - at;
    if (age > this.staleSeconds * 1000) return null;
    return { summary, fresh: age >= 0 && age <= this.freshSeconds * 1000 };
  }

  async put(key: HostSummaryKey, summary: HostSummary, atMs: number): Promise<void> {
    await this.write(hostSummaryCacheKey(key), JSON.stringify({ at: atMs, summary }));
  }

  /** The stored text of one key (Redis expires it after HOST_SUMMARY_STALE_SECONDS). */
  protected async read(id: string): Promise<string | null> {
    return this.redis.get(id);
  }

  protected async write(id: string, text: string): Promise<void> {
    await this.redis.set(id, text, 'EX', this.staleSeconds);
  }
}
