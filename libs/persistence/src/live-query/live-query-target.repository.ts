import type { DataSource } from 'typeorm';
import { hostStatus } from '@fleet/domain';
import type { ResolvedTargets, TargetHost, TargetSelection, TeamScope } from '@fleet/domain';
import { teamScopeSql } from '../admin/team-scope';

/** The host columns a target needs. */
interface TargetRow {
  readonly id: number;
  readonly hostname: string;
  readonly team_id: number | null;
  readonly created_at: Date;
  readonly distributed_interval: number;
  readonly config_tls_refresh: number;
  readonly seen_time: Date | null;
}

const HOST_COLUMNS = 'h.id, h.hostname, h.team_id, h.created_at, h.distributed_interval, h.config_tls_refresh, hst.seen_time';
const FROM = 'FROM hosts h LEFT JOIN host_seen_times hst ON hst.host_id = h.id';

function toTarget(r: TargetRow, now: Date): TargetHost {
  const status = hostStatus({
    seenAt: r.seen_time ?? null, createdAt: r.created_at,
    distributedInterval: Number(r.distributed_interval), configTlsRefresh: Number(r.config_tls_refresh),
  }, now);
  return { id: Number(r.id), hostname: String(r.hostname), teamId: r.team_id === null ? null : Number(r.team_id), status };
}

/**
 * Resolves live-query targets to hosts with Fleet's semantics (fleet-admin-api.md §1.6): explicit hosts are
 * always included; otherwise a host must match one of the labels (if any) AND one of the teams (if any).
 * The built-in "All Hosts" label matches every host. Everything is cut to the caller's team scope.
 */
export class LiveQueryTargetRepository {
  constructor(private readonly ds: DataSource) {}

  async resolve(scope: TeamScope, sel: TargetSelection, now: Date): Promise<ResolvedTargets> {
    const groupParts: string[] = [];
    const params: unknown[] = [];
    if (sel.labelIds.length > 0) {
      const allHosts = await this.ds.query<Array<{ id: number }>>("SELECT id FROM labels WHERE id IN (?) AND label_type = 1 AND name = 'All Hosts'", [sel.labelIds]);
      if (allHosts.length === 0) {
        groupParts.push('EXISTS (SELECT 1 FROM label_membership lm WHERE lm.host_id = h.id AND lm.label_id IN (?))');
        params.push(sel.labelIds);
      }
    }
    if (sel.teamIds.length > 0) {
      const real = sel.teamIds.filter((t) => t !== 0);
      const ors = [...(real.length ? ['h.team_id IN (?)'] : []), ...(sel.teamIds.includes(0) ? ['h.team_id IS NULL'] : [])];
      groupParts.push(`(${ors.join(' OR ')})`);
      if (real.length) params.push(real);
    }
    const hasGroup = sel.labelIds.length > 0 || sel.teamIds.length > 0;
    const group = hasGroup ? (groupParts.length ? groupParts.join(' AND ') : '1=1') : '1=0';
    const explicit = sel.hostIds.length > 0 ? 'h.id IN (?)' : '1=0';
    const s = teamScopeSql('h.team_id', scope);
    const rows = await this.ds.query<TargetRow[]>(`SELECT ${HOST_COLUMNS} ${FROM} WHERE (${explicit} OR (${group})) AND ${s.sql} ORDER BY h.id`,
      [...(sel.hostIds.length > 0 ? [sel.hostIds] : []), ...params, ...s.params]);
    const hosts = rows.map((r) => toTarget(r, now));
    return { hosts, online: hosts.filter((h) => h.status === 'online').length, offline: hosts.filter((h) => h.status === 'offline').length, missing: hosts.filter((h) => h.status === 'missing').length };
  }

  /** Team of each existing host among `ids`, regardless of scope: the caller decides what an outsider means. */
  async teamsOfHosts(ids: readonly number[]): Promise<Map<number, number | null>> {
    if (ids.length === 0) return new Map();
    const rows = await this.ds.query<Array<Pick<TargetRow, 'id' | 'team_id'>>>('SELECT id, team_id FROM hosts WHERE id IN (?)', [ids]);
    return new Map(rows.map((r) => [Number(r.id), r.team_id === null ? null : Number(r.team_id)]));
  }

  /** Host ids matching Fleet's identifiers (hostname, uuid, serial or osquery host id); unknown ones are skipped. */
  async hostIdsByIdentifiers(identifiers: readonly string[]): Promise<number[]> {
    if (identifiers.length === 0) return [];
    const rows = await this.ds.query<Array<{ id: number }>>(
      'SELECT id FROM hosts WHERE hostname IN (?) OR uuid IN (?) OR hardware_serial IN (?) OR osquery_host_id IN (?)', [identifiers, identifiers, identifiers, identifiers]);
    return rows.map((r) => Number(r.id));
  }

  /** Label ids by exact name; names with no label are absent from the map. */
  async labelIdsByNames(names: readonly string[]): Promise<Map<string, number>> {
    if (names.length === 0) return new Map();
    const rows = await this.ds.query<Array<{ id: number; name: string }>>('SELECT id, name FROM labels WHERE name IN (?)', [names]);
    return new Map(rows.map((r) => [String(r.name), Number(r.id)]));
  }

  /** Hosts in scope whose hostname, uuid, serial or IP contains `text` (target search), at most `limit`. */
  async searchHosts(scope: TeamScope, text: string, limit: number, now: Date): Promise<TargetHost[]> {
    const s = teamScopeSql('h.team_id', scope);
    const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = await this.ds.query<TargetRow[]>(
      `SELECT ${HOST_COLUMNS} ${FROM} WHERE (h.hostname LIKE ? OR h.uuid LIKE ? OR h.hardware_serial LIKE ? OR h.primary_ip LIKE ?) AND ${s.sql} ORDER BY h.hostname LIMIT ?`,
      [like, like, like, like, ...s.params, limit]);
    return rows.map((r) => toTarget(r, now));
  }
}
