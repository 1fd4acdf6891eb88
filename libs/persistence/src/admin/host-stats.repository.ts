import type { DataSource } from 'typeorm';
import type { HostStatusSample, TeamScope } from '@fleet/domain';
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

/** The kept history of online host counts for the dashboard (table host_status_history). */
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
}
