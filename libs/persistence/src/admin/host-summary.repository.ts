import { isLinuxPlatform } from '@fleet/domain';
import type { DataSource } from 'typeorm';
import { ONLINE_SQL, SEEN_SQL } from './host-filter.sql';
import type { HostSummary, TeamScope } from '@fleet/domain';
import { teamScopeSql } from './team-scope';

/** Counts for `/host_summary`, in one pass over the scoped hosts grouped by platform. */
export class HostSummaryRepository {
  constructor(private readonly ds: DataSource) {}

  async summary(scope: TeamScope, teamId: number | undefined, platform: string | undefined, now: Date): Promise<HostSummary> {
    const s = teamScopeSql('h.team_id', scope);
    const where = [s.sql];
    const params: unknown[] = [now, now, new Date(now.getTime() - 30 * 86400_000), new Date(now.getTime() - 30 * 86400_000), new Date(now.getTime() - 86400_000), ...s.params];
    if (teamId !== undefined) { where.push(teamId === 0 ? 'h.team_id IS NULL' : 'h.team_id = ?'); if (teamId !== 0) params.push(teamId); }
    if (platform) { where.push('h.platform = ?'); params.push(platform); }
    const rows = await this.ds.query<Array<Record<string, unknown>>>(
      `SELECT h.platform, COUNT(*) AS total,
         SUM(${ONLINE_SQL}) AS online,
         SUM(NOT (${ONLINE_SQL}) AND ${SEEN_SQL} > ?) AS offline,
         SUM(${SEEN_SQL} <= ?) AS missing,
         SUM(h.created_at >= ?) AS new_count
       FROM hosts h LEFT JOIN host_seen_times hst ON hst.host_id = h.id WHERE ${where.join(' AND ')} GROUP BY h.platform`, params);
    const sum = (k: string) => rows.reduce((n, r) => n + Number(r[k] ?? 0), 0);
    return {
      total: sum('total'), online: sum('online'), offline: sum('offline'), missing: sum('missing'), new: sum('new_count'),
      allLinux: rows.filter((r) => isLinuxPlatform(String(r['platform']))).reduce((n, r) => n + Number(r['total']), 0),
      platforms: rows.map((r) => ({ platform: String(r['platform']), count: Number(r['total']) })).sort((a, b) => a.platform.localeCompare(b.platform)),
    };
  }
}
