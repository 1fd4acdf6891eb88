import type { DataSource } from 'typeorm';
import type { FoundCve, HostLabel, HostPack, HostPolicy, HostSoftware, HostUser } from '@fleet/domain';
import { foundCve } from '../software/cve-rows';

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
  authorName: str(r, 'author_name'), authorEmail: str(r, 'author_email'), createdAt: r['created_at'] as Date, updatedAt: r['updated_at'] as Date,
  passes: r['host_passes'] === null || r['host_passes'] === undefined ? null : Number(r['host_passes']) === 1,
});

const toSoftware = (r: Row, cves: readonly FoundCve[]): HostSoftware => ({
  id: num(r, 'id'), name: str(r, 'name'), version: str(r, 'version'), source: str(r, 'source'), vendor: str(r, 'vendor'),
  release: str(r, 'release'), arch: str(r, 'arch'), bundleIdentifier: str(r, 'bundle_identifier'), lastOpenedAt: (r['last_opened_at'] as Date | null) ?? null,
  browser: str(r, 'browser'), generatedCpe: str(r, 'cpe'), installedPaths: r['installed_path'] ? [str(r, 'installed_path')] : [], vulnerabilities: cves,
});

/** Groups rows by their `host_id`, every asked host present (empty when it has none). */
function byHost<T>(hostIds: readonly number[], rows: Row[], map: (r: Row) => T): Map<number, T[]> {
  const out = new Map<number, T[]>(hostIds.map((id) => [id, []]));
  for (const r of rows) out.get(num(r, 'host_id'))?.push(map(r));
  return out;
}

const toUser = (r: Row): HostUser => ({ uid: num(r, 'uid'), username: str(r, 'username'), type: str(r, 'user_type'), groupname: str(r, 'groupname'), shell: str(r, 'shell') });

/** The arrays of the host detail (labels, policies with this host's response, software, users). */
export class HostDetailRepository {
  constructor(private readonly ds: DataSource) {}

  async labels(hostId: number): Promise<HostLabel[]> {
    return (await this.labelsOf([hostId])).get(hostId) ?? [];
  }

  /** The labels of each host (list's `populate_labels`). */
  async labelsOf(hostIds: readonly number[]): Promise<Map<number, HostLabel[]>> {
    if (hostIds.length === 0) return new Map();
    const rows = await this.ds.query<Row[]>(
      `SELECT l.*, lm.host_id FROM labels l JOIN label_membership lm ON lm.label_id = l.id WHERE lm.host_id IN (?) ORDER BY l.id`, [hostIds]);
    return byHost(hostIds, rows, toLabel);
  }

  /** Global policies and the host's team's policies, with the host's latest response (null = none yet). */
  async policies(hostId: number, teamId: number | null): Promise<HostPolicy[]> {
    return (await this.policiesOf([{ id: hostId, teamId }])).get(hostId) ?? [];
  }

  /** Each host's policies (global and its team's) with its response (list's `populate_policies`). */
  async policiesOf(hosts: ReadonlyArray<{ readonly id: number; readonly teamId: number | null }>): Promise<Map<number, HostPolicy[]>> {
    if (hosts.length === 0) return new Map();
    const teams = [...new Set(hosts.map((h) => h.teamId ?? -1))];
    const rows = await this.ds.query<Row[]>(
      `SELECT p.*, u.name AS author_name, u.email AS author_email FROM policies p LEFT JOIN users u ON u.id = p.author_id
       WHERE p.team_id IS NULL OR p.team_id IN (?) ORDER BY p.id`, [teams]);
    const answers = await this.ds.query<Row[]>('SELECT host_id, policy_id, passes FROM policy_membership WHERE host_id IN (?)', [hosts.map((h) => h.id)]);
    const answer = new Map(answers.map((a) => [`${num(a, 'host_id')}:${num(a, 'policy_id')}`, a['passes']]));
    return new Map(hosts.map((h) => [h.id, rows
      .filter((p) => p['team_id'] === null || Number(p['team_id']) === h.teamId)
      .map((p) => toPolicy({ ...p, host_passes: answer.get(`${h.id}:${num(p, 'id')}`) ?? null }))]));
  }

  async software(hostId: number): Promise<HostSoftware[]> {
    return (await this.softwareOf([hostId])).get(hostId) ?? [];
  }

  /** Each host's installed software with its CPE, installed path and CVEs (list's `populate_software`). */
  async softwareOf(hostIds: readonly number[]): Promise<Map<number, HostSoftware[]>> {
    if (hostIds.length === 0) return new Map();
    const rows = await this.ds.query<Row[]>(
      `SELECT hs.host_id, s.id, s.name, s.version, s.source, s.vendor, s.release, s.arch, s.bundle_identifier, s.browser, hs.last_opened_at,
         c.cpe, ip.installed_path
       FROM host_software hs JOIN software s ON s.id = hs.software_id LEFT JOIN software_cpe c ON c.software_id = s.id
       LEFT JOIN host_software_installed_paths ip ON ip.host_id = hs.host_id AND ip.software_id = s.id
       WHERE hs.host_id IN (?) ORDER BY s.name, s.version`, [hostIds]);
    const ids = [...new Set(rows.map((r) => num(r, 'id')))];
    const cves = new Map<number, FoundCve[]>();
    if (ids.length > 0) {
      const found = await this.ds.query<Row[]>(
        `SELECT sc.software_id, sc.cve, sc.resolved_in_version, sc.created_at, m.cvss_score, m.epss_probability, m.cisa_known_exploit, m.published, m.description
         FROM software_cve sc LEFT JOIN cve_meta m ON m.cve = sc.cve WHERE sc.software_id IN (?) ORDER BY sc.cve`, [ids]);
      for (const f of found) {
        const list = cves.get(num(f, 'software_id')) ?? [];
        list.push(foundCve(f));
        cves.set(num(f, 'software_id'), list);
      }
    }
    return byHost(hostIds, rows, (r) => toSoftware(r, cves.get(num(r, 'id')) ?? []));
  }

  /** The 2017 packs that apply to the host: targeting it, one of its labels or its team. */
  async packs(hostId: number, teamId: number | null): Promise<HostPack[]> {
    const rows = await this.ds.query<Row[]>(
      `SELECT p.* FROM packs p WHERE EXISTS (SELECT 1 FROM pack_targets t WHERE t.pack_id = p.id AND (
         (t.target_type = 1 AND t.target_id = ?) OR (t.target_type = 2 AND t.target_id = ?)
         OR (t.target_type = 0 AND t.target_id IN (SELECT lm.label_id FROM label_membership lm WHERE lm.host_id = ?)))) ORDER BY p.id`,
      [hostId, teamId ?? 0, hostId]);
    if (rows.length === 0) return [];
    const targets = await this.ds.query<Row[]>('SELECT pack_id, target_type, target_id FROM pack_targets WHERE pack_id IN (?) ORDER BY target_id', [rows.map((r) => num(r, 'id'))]);
    const of = (packId: number, type: number): number[] => targets.filter((t) => num(t, 'pack_id') === packId && num(t, 'target_type') === type).map((t) => num(t, 'target_id'));
    return rows.map((r) => ({
      id: num(r, 'id'), name: str(r, 'name'), description: str(r, 'description'), platform: str(r, 'platform'), disabled: num(r, 'disabled') === 1,
      createdAt: r['created_at'] as Date, updatedAt: r['updated_at'] as Date,
      hostIds: of(num(r, 'id'), 1), labelIds: of(num(r, 'id'), 0), teamIds: of(num(r, 'id'), 2),
    }));
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
    return (await this.usersOf([hostId])).get(hostId) ?? [];
  }

  /** Each host's local users (list's `populate_users`). */
  async usersOf(hostIds: readonly number[]): Promise<Map<number, HostUser[]>> {
    if (hostIds.length === 0) return new Map();
    return byHost(hostIds, await this.ds.query<Row[]>('SELECT * FROM host_users WHERE host_id IN (?) ORDER BY host_id, uid, username', [hostIds]), toUser);
  }
}
