import type { DataSource } from 'typeorm';
import type { FailingHost, HostGroup, UnseenHost, UnseenSummary } from '@fleet/domain';
import { SEEN_SQL } from '../admin/host-filter.sql';

type Row = Record<string, unknown>;

function groupSql(g: HostGroup): { sql: string; params: unknown[] } {
  switch (g.kind) {
    case 'all': return { sql: '1 = 1', params: [] };
    case 'team': return { sql: 'h.team_id = ?', params: [g.teamId] };
    case 'global': return g.exceptTeams.length === 0 ? { sql: '1 = 1', params: [] } : { sql: '(h.team_id IS NULL OR h.team_id NOT IN (?))', params: [g.exceptTeams] };
  }
}

/** The questions and deletions of the background schedules. */
export class MaintenanceRepository {
  constructor(private readonly ds: DataSource) {}

  /** Deletes sessions of people (not API-only users, whose tokens do not expire) idle since `before`. */
  async deleteIdleSessions(before: Date): Promise<number> {
    const res = await this.ds.query<{ affectedRows: number }>(
      'DELETE s FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.api_only = 0 AND s.accessed_at < ?', [before]);
    return res.affectedRows;
  }

  /** Hosts of the group last seen (or, never seen, enrolled) before `before`, oldest first, at most `limit`. */
  async unseenHosts(group: HostGroup, before: Date, limit: number): Promise<UnseenHost[]> {
    const g = groupSql(group);
    const rows = await this.ds.query<Row[]>(
      `SELECT h.id, h.hostname, h.hardware_serial FROM hosts h LEFT JOIN host_seen_times hst ON hst.host_id = h.id
       WHERE ${g.sql} AND ${SEEN_SQL} < ? ORDER BY ${SEEN_SQL}, h.id LIMIT ?`, [...g.params, before, limit]);
    return rows.map((r) => ({ id: Number(r['id']), hostname: (r['hostname'] as string | null) ?? '', serial: (r['hardware_serial'] as string | null) ?? '' }));
  }

  /** How many hosts the group has, and the ids of those unseen since `before` (Fleet's host status webhook). */
  async unseenSummary(group: HostGroup, before: Date): Promise<UnseenSummary> {
    const g = groupSql(group);
    const [count] = await this.ds.query<Row[]>(`SELECT COUNT(*) AS n FROM hosts h WHERE ${g.sql}`, g.params);
    const unseen = await this.ds.query<Row[]>(
      `SELECT h.id FROM hosts h LEFT JOIN host_seen_times hst ON hst.host_id = h.id WHERE ${g.sql} AND ${SEEN_SQL} < ? ORDER BY h.id`, [...g.params, before]);
    return { total: Number(count?.['n'] ?? 0), unseenIds: unseen.map((r) => Number(r['id'])) };
  }

  /** Hosts whose latest answer to the policy is a failure, by id. */
  async failingHosts(policyId: number): Promise<FailingHost[]> {
    const rows = await this.ds.query<Row[]>(
      `SELECT h.id, h.hostname, h.computer_name FROM policy_membership pm JOIN hosts h ON h.id = pm.host_id
       WHERE pm.policy_id = ? AND pm.passes = 0 ORDER BY h.id`, [policyId]);
    return rows.map((r) => {
      const hostname = (r['hostname'] as string | null) ?? '';
      return { id: Number(r['id']), hostname, displayName: (r['computer_name'] as string | null) || hostname };
    });
  }
}
