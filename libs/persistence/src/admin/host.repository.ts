import type { DataSource } from 'typeorm';
import { FAILING_POLICIES_SQL, HOST_FROM, hostWhere } from './host-filter.sql';
import { hostPageIds } from './host-page.query';
import { toPage } from './sql-page';
import type { Host, HostFilters, ListOptions, Page, TeamScope } from '@fleet/domain';
import { scopeAllows } from '@fleet/domain';
import { teamScopeSql } from './team-scope';
import { releaseHostSoftware } from '../agent/host-software.counts';

type Row = Record<string, unknown>;
const SELECT = `SELECT h.*, hst.seen_time AS seen_time, t.name AS team_name,
  ${FAILING_POLICIES_SQL} AS failing_policies,
  (SELECT st.updated_at FROM host_software_state st WHERE st.host_id = h.id) AS software_updated_at`;

const str = (r: Row, k: string): string => String((r[k] as string | number | null | undefined) ?? '');
const num = (r: Row, k: string): number => Number(r[k] ?? 0);
const date = (r: Row, k: string): Date => r[k] as Date;

/** Column by column, so internal columns (node_key, osquery_host_id) never leave the repository. */
function toHost(r: Row): Host {
  return {
    id: num(r, 'id'), teamId: r['team_id'] === null ? null : num(r, 'team_id'), teamName: (r['team_name'] as string | null) ?? null,
    uuid: str(r, 'uuid'), hostname: str(r, 'hostname'), computerName: str(r, 'computer_name'), hardwareSerial: str(r, 'hardware_serial'),
    hardwareVendor: str(r, 'hardware_vendor'), hardwareModel: str(r, 'hardware_model'), hardwareVersion: str(r, 'hardware_version'),
    platform: str(r, 'platform'), platformLike: str(r, 'platform_like'), osVersion: str(r, 'os_version'), build: str(r, 'build'),
    codeName: str(r, 'code_name'), osqueryVersion: str(r, 'osquery_version'), memory: num(r, 'memory'), uptime: num(r, 'uptime'),
    cpuType: str(r, 'cpu_type'), cpuSubtype: str(r, 'cpu_subtype'), cpuBrand: str(r, 'cpu_brand'), cpuPhysicalCores: num(r, 'cpu_physical_cores'),
    cpuLogicalCores: num(r, 'cpu_logical_cores'), primaryIp: str(r, 'primary_ip'), primaryMac: str(r, 'primary_mac'), publicIp: str(r, 'public_ip'),
    gigsDiskSpaceAvailable: num(r, 'gigs_disk_space_available'), percentDiskSpaceAvailable: num(r, 'percent_disk_space_available'),
    gigsTotalDiskSpace: num(r, 'gigs_total_disk_space'), distributedInterval: num(r, 'distributed_interval'),
    configTlsRefresh: num(r, 'config_tls_refresh'), loggerTlsPeriod: num(r, 'logger_tls_period'), refetchRequested: num(r, 'refetch_requested') === 1,
    detailUpdatedAt: date(r, 'detail_updated_at'), labelUpdatedAt: date(r, 'label_updated_at'), policyUpdatedAt: date(r, 'policy_updated_at'),
    lastEnrolledAt: date(r, 'last_enrolled_at'), createdAt: date(r, 'created_at'), updatedAt: date(r, 'updated_at'),
    seenTime: (r['seen_time'] as Date | null) ?? null, failingPolicies: num(r, 'failing_policies'),
    softwareUpdatedAt: (r['software_updated_at'] as Date | null) ?? null,
  };
}

/** Hosts as the admin API sees them; every method takes the caller's team scope. */
export class HostRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * One page in two steps: the page's ids (host-page.query.ts picks an index-order walk or the general
   * query), then the full rows and failing-policy counts for those ids only, so the per-host count runs
   * ≤ per_page + 1 times instead of once per candidate host.
   */
  async list(scope: TeamScope, filters: HostFilters, opts: ListOptions, now: Date): Promise<Page<Host>> {
    const ids = await hostPageIds(this.ds, scope, filters, opts, now);
    if (ids.length === 0) return toPage([], opts);
    const rows = await this.ds.query<Row[]>(`${SELECT} ${HOST_FROM} WHERE h.id IN (?)`, [ids]);
    const byId = new Map(rows.map((r) => [Number(r['id']), toHost(r)]));
    return toPage(ids.flatMap((id) => byId.get(id) ?? []), opts);
  }

  /**
   * Every host of a list (or its one page when `opts.perPage` is set), in list order, `batchSize` full rows at a
   * time: the ids are read first (a few bytes per host), then each batch's rows, so a report of 100,000 hosts never
   * holds more than one batch of rows in memory.
   */
  async *listInBatches(scope: TeamScope, filters: HostFilters, opts: ListOptions, now: Date, batchSize = 1000): AsyncGenerator<Host[]> {
    const ids = await hostPageIds(this.ds, scope, filters, opts, now);
    const wanted = opts.perPage > 0 ? ids.slice(0, opts.perPage) : ids;
    for (let i = 0; i < wanted.length; i += batchSize) {
      const chunk = wanted.slice(i, i + batchSize);
      const rows = await this.ds.query<Row[]>(`${SELECT} ${HOST_FROM} WHERE h.id IN (?)`, [chunk]);
      const byId = new Map(rows.map((r) => [Number(r['id']), toHost(r)]));
      yield chunk.flatMap((id) => byId.get(id) ?? []);
    }
  }

  async count(scope: TeamScope, filters: HostFilters, now: Date): Promise<number> {
    const w = hostWhere(scope, filters, now);
    const [row] = await this.ds.query<Row[]>(`SELECT COUNT(*) AS n FROM hosts h LEFT JOIN host_seen_times hst ON hst.host_id = h.id WHERE ${w.sql}`, w.params);
    return Number(row?.['n'] ?? 0);
  }

  async ids(scope: TeamScope, filters: HostFilters, now: Date): Promise<number[]> {
    const w = hostWhere(scope, filters, now);
    const rows = await this.ds.query<Row[]>(`SELECT h.id FROM hosts h LEFT JOIN host_seen_times hst ON hst.host_id = h.id WHERE ${w.sql}`, w.params);
    return rows.map((r) => Number(r['id']));
  }

  /** Null when absent or outside the scope (the caller cannot tell the two apart). */
  async findById(scope: TeamScope, id: number): Promise<Host | null> {
    const [row] = await this.ds.query<Row[]>(`${SELECT} ${HOST_FROM} WHERE h.id = ?`, [id]);
    const host = row ? toHost(row) : null;
    return host && scopeAllows(scope, host.teamId) ? host : null;
  }

  /** Fleet's identifier lookup: hostname, uuid, hardware_serial or osquery_host_id. */
  async findByIdentifier(scope: TeamScope, identifier: string): Promise<Host | null> {
    const s = teamScopeSql('h.team_id', scope);
    const rows = await this.ds.query<Row[]>(
      `${SELECT} ${HOST_FROM} WHERE (h.hostname = ? OR h.uuid = ? OR h.hardware_serial = ? OR h.osquery_host_id = ?) AND ${s.sql} ORDER BY h.id LIMIT 1`,
      [identifier, identifier, identifier, identifier, ...s.params]);
    return rows[0] ? toHost(rows[0]) : null;
  }

  /** Only the hosts among `ids` inside the scope are returned. */
  async findMany(scope: TeamScope, ids: readonly number[]): Promise<Host[]> {
    if (ids.length === 0) return [];
    const s = teamScopeSql('h.team_id', scope);
    const rows = await this.ds.query<Row[]>(`${SELECT} ${HOST_FROM} WHERE h.id IN (?) AND ${s.sql}`, [ids, ...s.params]);
    return rows.map(toHost);
  }

  /** Deletes hosts and everything recorded about them. */
  async deleteMany(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.ds.transaction(async (m) => {
      // Takes their software off the software and title host counts before it goes.
      await releaseHostSoftware(m, ids);
      for (const t of ['host_seen_times', 'host_users', 'host_software', 'label_membership', 'policy_membership', 'query_results']) {
        await m.query(`DELETE FROM ${t} WHERE host_id IN (?)`, [ids]);
      }
      await m.query('DELETE FROM hosts WHERE id IN (?)', [ids]);
    });
  }

  async requestRefetch(id: number): Promise<void> {
    await this.ds.query('UPDATE hosts SET refetch_requested = 1 WHERE id = ?', [id]);
  }

  async transfer(ids: readonly number[], teamId: number | null): Promise<void> {
    if (ids.length === 0) return;
    await this.ds.query('UPDATE hosts SET team_id = ? WHERE id IN (?)', [teamId, ids]);
  }
}
