import type { DataSource } from 'typeorm';
import { likeTerm, orderAndLimit, toPage } from './sql-page';
import type { ListOptions, Page, SoftwareVersion, TeamScope } from '@fleet/domain';
import { teamScopeSql } from './team-scope';

type Row = Record<string, unknown>;

const toSoftware = (r: Row): SoftwareVersion => ({
  id: Number(r['id']), name: String(r['name']), version: String(r['version']), source: String(r['source']), vendor: String(r['vendor']),
  release: String(r['release']), arch: String(r['arch']), hostsCount: Number(r['hosts_count'] ?? 0),
});

/**
 * Software versions installed on at least one host the scope admits, with live host counts (Fleet counts
 * them in a cron job; live counts are exact and cheap enough through idx_host_software_software).
 */
export class SoftwareRepository {
  constructor(private readonly ds: DataSource) {}

  async list(scope: TeamScope, teamId: number | undefined, opts: ListOptions): Promise<Page<SoftwareVersion> & { count: number }> {
    const { from, where, params } = this.filter(scope, teamId, opts.query);
    const order = orderAndLimit(opts, { name: 's.name', hosts_count: 'hosts_count', id: 's.id', version: 's.version' }, 's.name');
    const rows = await this.ds.query<Row[]>(
      `SELECT s.*, COUNT(DISTINCT hs.host_id) AS hosts_count ${from} WHERE ${where} GROUP BY s.id${order}`, params);
    const [c] = await this.ds.query<Row[]>(`SELECT COUNT(DISTINCT s.id) AS n ${from} WHERE ${where}`, params);
    return { ...toPage(rows.map(toSoftware), opts), count: Number(c?.['n'] ?? 0) };
  }

  async findById(scope: TeamScope, teamId: number | undefined, id: number): Promise<SoftwareVersion | null> {
    const { from, where, params } = this.filter(scope, teamId, undefined);
    const [row] = await this.ds.query<Row[]>(`SELECT s.*, COUNT(DISTINCT hs.host_id) AS hosts_count ${from} WHERE ${where} AND s.id = ? GROUP BY s.id`, [...params, id]);
    return row ? toSoftware(row) : null;
  }

  private filter(scope: TeamScope, teamId: number | undefined, query: string | undefined): { from: string; where: string; params: unknown[] } {
    const s = teamScopeSql('h.team_id', scope);
    const parts = [s.sql];
    const params: unknown[] = [...s.params];
    if (teamId !== undefined) {
      parts.push(teamId === 0 ? 'h.team_id IS NULL' : 'h.team_id = ?');
      if (teamId !== 0) params.push(teamId);
    }
    if (query) { parts.push('s.name LIKE ?'); params.push(likeTerm(query)); }
    const joinHosts = scope.kind !== 'all' || teamId !== undefined;
    return {
      from: `FROM software s JOIN host_software hs ON hs.software_id = s.id${joinHosts ? ' JOIN hosts h ON h.id = hs.host_id' : ''}`,
      where: parts.join(' AND '), params,
    };
  }
}
