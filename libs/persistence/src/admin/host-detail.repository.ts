import type { DataSource } from 'typeorm';
import type { HostLabel, HostPolicy, HostSoftware, HostUser } from '@fleet/domain';

type Row = Record<string, unknown>;

const str = (r: Row, k: string): string => String((r[k] as string | number | null | undefined) ?? '');
const num = (r: Row, k: string): number => Number(r[k] ?? 0);
const idOrNull = (r: Row, k: string): number | null => (r[k] === null || r[k] === undefined ? null : Number(r[k]));

const LABEL_TYPES = ['regular', 'builtin'] as const;
const MEMBERSHIP = ['dynamic', 'manual'] as const;

const toLabel = (r: Row): HostLabel => ({
  id: num(r, 'id'), name: str(r, 'name'), description: str(r, 'description'), query: str(r, 'query'), platform: str(r, 'platform'),
  labelType: LABEL_TYPES[num(r, 'label_type')] ?? 'regular', membershipType: MEMBERSHIP[num(r, 'label_membership_type')] ?? 'dynamic',
  createdAt: r['created_at'] as Date, updatedAt: r['updated_at'] as Date,
});

const toPolicy = (r: Row): HostPolicy => ({
  id: num(r, 'id'), name: str(r, 'name'), query: str(r, 'query'), description: str(r, 'description'), resolution: str(r, 'resolution'),
  platforms: str(r, 'platforms'), critical: num(r, 'critical') === 1, teamId: idOrNull(r, 'team_id'), authorId: idOrNull(r, 'author_id'),
  createdAt: r['created_at'] as Date, updatedAt: r['updated_at'] as Date,
  passes: r['host_passes'] === null || r['host_passes'] === undefined ? null : Number(r['host_passes']) === 1,
});

const toSoftware = (r: Row): HostSoftware => ({
  id: num(r, 'id'), name: str(r, 'name'), version: str(r, 'version'), source: str(r, 'source'), vendor: str(r, 'vendor'),
  release: str(r, 'release'), arch: str(r, 'arch'), bundleIdentifier: str(r, 'bundle_identifier'), lastOpenedAt: (r['last_opened_at'] as Date | null) ?? null,
});

const toUser = (r: Row): HostUser => ({ uid: num(r, 'uid'), username: str(r, 'username'), type: str(r, 'user_type'), groupname: str(r, 'groupname'), shell: str(r, 'shell') });

/** The arrays of the host detail (labels, policies with this host's response, software, users). */
export class HostDetailRepository {
  constructor(private readonly ds: DataSource) {}

  async labels(hostId: number): Promise<HostLabel[]> {
    const rows = await this.ds.query<Row[]>(
      `SELECT l.* FROM labels l JOIN label_membership lm ON lm.label_id = l.id WHERE lm.host_id = ? ORDER BY l.id`, [hostId]);
    return rows.map(toLabel);
  }

  /** Global policies and the host's team's policies, with the host's latest response (null = none yet). */
  async policies(hostId: number, teamId: number | null): Promise<HostPolicy[]> {
    const rows = await this.ds.query<Row[]>(
      `SELECT p.*, pm.passes AS host_passes FROM policies p LEFT JOIN policy_membership pm ON pm.policy_id = p.id AND pm.host_id = ?
       WHERE p.team_id IS NULL OR p.team_id = ? ORDER BY p.id`, [hostId, teamId ?? -1]);
    return rows.map(toPolicy);
  }

  async software(hostId: number): Promise<HostSoftware[]> {
    const rows = await this.ds.query<Row[]>(
      `SELECT s.id, s.name, s.version, s.source, s.vendor, s.release, s.arch, s.bundle_identifier, hs.last_opened_at
       FROM host_software hs JOIN software s ON s.id = hs.software_id WHERE hs.host_id = ? ORDER BY s.name, s.version`, [hostId]);
    return rows.map(toSoftware);
  }

  /** The host's stored rows of a scheduled query (its query report), oldest first; at most `cap + 1` rows. */
  async queryReport(hostId: number, queryId: number, cap: number): Promise<Array<{ readonly lastFetched: Date; readonly columns: Record<string, unknown> }>> {
    const rows = await this.ds.query<Row[]>(
      'SELECT last_fetched, data FROM query_results WHERE query_id = ? AND host_id = ? AND data IS NOT NULL ORDER BY id LIMIT ?', [queryId, hostId, cap + 1]);
    return rows.map((r) => ({
      lastFetched: r['last_fetched'] as Date,
      columns: (typeof r['data'] === 'string' ? JSON.parse(r['data']) : r['data'] ?? {}) as Record<string, unknown>,
    }));
  }

  async users(hostId: number): Promise<HostUser[]> {
    return (await this.ds.query<Row[]>('SELECT * FROM host_users WHERE host_id = ? ORDER BY uid, username', [hostId])).map(toUser);
  }
}
