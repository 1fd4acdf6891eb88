import type { DataSource } from 'typeorm';
import type { HostStatusSample, OsVersionCount, TeamScope } from '@fleet/domain';
import { ONLINE_SQL } from './host-filter.sql';
import { teamScopeSql } from './team-scope';

type Row = Record<string, unknown>;

/** Which teams' rows a read covers: a team (0 = no team) inside the caller's scope, or the whole scope. */
function teamCondition(column: string, scope: TeamScope, teamId: number | undefined): { sql: string; params: unknown[] } {
  const s = teamScopeSql(column, scope);
  if (teamId === undefined) return s;
  if (teamId === 0) return { sql: `${s.sql} AND ${column} IS NULL`, params: s.params };
  return { sql: `${s.sql} AND ${column} = ?`, params: [...s.params, teamId] };
}

/** Aggregates over hosts for the dashboard: the kept history of online counts and the OS versions in use. */
export class HostStatsRepository {
  constructor(private readonly ds: DataSource) {}

  /** Records, as of `now`, each team's online and total host counts (one INSERT … SELECT; no row for a team without hosts). */
  async recordStatus(now: Date): Promise<number> {
    const res = await this.ds.query<{ affectedRows: number }>(
      `INSERT INTO host_status_history (recorded_at, team_id, online_count, total_count)
       SELECT ?, h.team_id, SUM(${ONLINE_SQL}), COUNT(*) FROM hosts h LEFT JOIN host_seen_times hst ON hst.host_id = h.id GROUP BY h.team_id`,
      [now, now]);
    return res.affectedRows;
  }

  /** Deletes samples recorded before `before`. */
  async pruneStatus(before: Date): Promise<void> {
    await this.ds.query('DELETE FROM host_status_history WHERE recorded_at < ?', [before]);
  }

  /** The samples since `since`, oldest first, summed over the teams the scope (and `teamId`) admits. */
  async statusSamples(scope: TeamScope, teamId: number | undefined, since: Date): Promise<HostStatusSample[]> {
    const t = teamCondition('team_id', scope, teamId);
    const rows = await this.ds.query<Row[]>(
      `SELECT recorded_at, SUM(online_count) AS online, SUM(total_count) AS total FROM host_status_history
       WHERE recorded_at >= ? AND ${t.sql} GROUP BY recorded_at ORDER BY recorded_at`, [since, ...t.params]);
    return rows.map((r) => ({ at: r['recorded_at'] as Date, online: Number(r['online']), total: Number(r['total']) }));
  }

  /** Hosts per operating system version and platform, most hosts first (ties by name). */
  async osVersions(scope: TeamScope, filters: { teamId?: number; platform?: string; osVersion?: string }): Promise<OsVersionCount[]> {
    const t = teamCondition('h.team_id', scope, filters.teamId);
    const where = [t.sql, "h.os_version <> ''"];
    const params = [...t.params];
    if (filters.platform) { where.push('h.platform = ?'); params.push(filters.platform); }
    if (filters.osVersion) { where.push('h.os_version = ?'); params.push(filters.osVersion); }
    const rows = await this.ds.query<Row[]>(
      `SELECT h.os_version, h.platform, COUNT(*) AS hosts FROM hosts h WHERE ${where.join(' AND ')}
       GROUP BY h.os_version, h.platform ORDER BY hosts DESC, h.os_version, h.platform`, params);
    return rows.map((r) => ({ osVersion: String(r['os_version']), platform: String(r['platform']), hosts: Number(r['hosts']) }));
  }
}
