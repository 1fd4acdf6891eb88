import type { DataSource } from 'typeorm';
import type { FoundCve, HostSoftwareTitle, HostSoftwareVersion, ListOptions, Page, SoftwareFilters, SoftwareTitle, SoftwareVersion, TeamScope } from '@fleet/domain';
import { likeTerm, toPage } from '../admin/sql-page';
import { countJoin, limit, orderBy } from './count-scope.sql';
import { CVE_COLUMNS, foundCve, vulnerabilityFilterSql } from './cve-rows';
import { text as str } from '../agent/sql-values';

type Row = Record<string, unknown>;

const VERSION_ORDER: Record<string, string> = {
  name: 's.name', hosts_count: 'c.hosts_count', id: 's.id', version: 's.version', cve_published: 'vs.latest_published',
  cvss_score: 'vs.max_cvss', epss_probability: 'vs.max_epss', cisa_known_exploit: 'vs.any_kev',
};
const TITLE_ORDER: Record<string, string> = { name: 't.name', hosts_count: 'c.hosts_count', id: 't.id' };


type Versions = Page<SoftwareVersion> & { count: number };
type Titles = Page<SoftwareTitle> & { count: number };

/**
 * Software versions and titles with their host counts and CVEs, read for the admin API. Host counts come
 * from the count tables the software writer keeps (never a scan of host_software), so a list ordered by
 * hosts is an index range read; the vulnerability filters read the per-version and per-title summaries the
 * vulnerabilities schedule keeps.
 */
export class SoftwareRepository {
  constructor(private readonly ds: DataSource) {}

  async listVersions(scope: TeamScope, filters: SoftwareFilters, opts: ListOptions): Promise<Versions> {
    const q = this.versionQuery(scope, filters, opts.query);
    if (!q) return { items: [], hasNext: false, hasPrevious: false, count: 0 };
    const rows = await this.ds.query<Row[]>(`SELECT s.*, c.hosts_count, cpe.cpe ${q.from} WHERE ${q.where}`
      + `${orderBy(opts.orderKey, opts.orderDirection, VERSION_ORDER, 'c.hosts_count', 's.id')}${limit(opts.page, opts.perPage)}`, q.params);
    const [c] = await this.ds.query<Row[]>(`SELECT COUNT(*) AS n ${q.from} WHERE ${q.where}`, q.params);
    const page = toPage(rows, opts);
    const cves = await this.cvesOf(page.items.map((r) => Number(r['id'])));
    return { ...page, items: page.items.map((r) => toVersion(r, cves.get(Number(r['id'])) ?? [])), count: Number(c?.['n'] ?? 0) };
  }

  /** A version with at least one host in the reader's scope (or `teamId`); null otherwise. */
  async findVersion(scope: TeamScope, teamId: number | undefined, id: number): Promise<SoftwareVersion | null> {
    const q = this.versionQuery(scope, { teamId }, undefined);
    if (!q) return null;
    const [row] = await this.ds.query<Row[]>(`SELECT s.*, c.hosts_count, cpe.cpe ${q.from} WHERE ${q.where} AND s.id = ?`, [...q.params, id]);
    return row ? toVersion(row, (await this.cvesOf([id])).get(id) ?? []) : null;
  }

  private versionQuery(scope: TeamScope, f: SoftwareFilters, query: string | undefined): { from: string; where: string; params: unknown[] } | null {
    const counts = countJoin('software_host_counts', 'software_id', 's.id', scope, f.teamId);
    if (!counts) return null;
    const where = ['1 = 1'];
    const params: unknown[] = [...counts.params];
    if (query) {
      where.push('(s.name LIKE ? OR s.version LIKE ? OR EXISTS (SELECT 1 FROM software_cve q WHERE q.software_id = s.id AND q.cve LIKE ?))');
      params.push(likeTerm(query), likeTerm(query), likeTerm(query));
    }
    const v = vulnerabilityFilterSql(f, (cond) => `EXISTS (SELECT 1 FROM software_cve x JOIN cve_meta m ON m.cve = x.cve WHERE x.software_id = s.id AND ${cond})`);
    where.push(...v.where);
    params.push(...v.params);
    return {
      from: `FROM software s ${counts.join} LEFT JOIN software_vuln_summary vs ON vs.software_id = s.id LEFT JOIN software_cpe cpe ON cpe.software_id = s.id`,
      where: where.join(' AND '), params,
    };
  }

  async listTitles(scope: TeamScope, filters: SoftwareFilters, opts: ListOptions): Promise<Titles> {
    const q = this.titleQuery(scope, filters, opts.query);
    if (!q) return { items: [], hasNext: false, hasPrevious: false, count: 0 };
    const rows = await this.ds.query<Row[]>(`SELECT t.*, c.hosts_count ${q.from} WHERE ${q.where}`
      + `${orderBy(opts.orderKey, opts.orderDirection, TITLE_ORDER, 'c.hosts_count', 't.id')}${limit(opts.page, opts.perPage)}`, q.params);
    const [c] = await this.ds.query<Row[]>(`SELECT COUNT(*) AS n ${q.from} WHERE ${q.where}`, q.params);
    const page = toPage(rows, opts);
    const versions = await this.titleVersions(scope, filters.teamId, page.items.map((r) => Number(r['id'])));
    return { ...page, items: page.items.map((r) => toTitle(r, versions.get(Number(r['id'])) ?? [])), count: Number(c?.['n'] ?? 0) };
  }

  async findTitle(scope: TeamScope, teamId: number | undefined, id: number): Promise<SoftwareTitle | null> {
    const q = this.titleQuery(scope, { teamId }, undefined);
    if (!q) return null;
    const [row] = await this.ds.query<Row[]>(`SELECT t.*, c.hosts_count ${q.from} WHERE ${q.where} AND t.id = ?`, [...q.params, id]);
    return row ? toTitle(row, (await this.titleVersions(scope, teamId, [id])).get(id) ?? []) : null;
  }

  private titleQuery(scope: TeamScope, f: SoftwareFilters, query: string | undefined): { from: string; where: string; params: unknown[] } | null {
    const counts = countJoin('software_title_host_counts', 'title_id', 't.id', scope, f.teamId);
    if (!counts) return null;
    const where = ['1 = 1'];
    const params: unknown[] = [...counts.params];
    if (query) {
      where.push('(t.name LIKE ? OR EXISTS (SELECT 1 FROM software q1 JOIN software_cve q ON q.software_id = q1.id WHERE q1.title_id = t.id AND q.cve LIKE ?))');
      params.push(likeTerm(query), likeTerm(query));
    }
    const v = vulnerabilityFilterSql(f, (cond) => `EXISTS (SELECT 1 FROM software x1 JOIN software_cve x ON x.software_id = x1.id JOIN cve_meta m ON m.cve = x.cve
      WHERE x1.title_id = t.id AND ${cond})`);
    where.push(...v.where);
    params.push(...v.params);
    return { from: `FROM software_titles t ${counts.join} LEFT JOIN software_title_vuln_summary vs ON vs.title_id = t.id`, where: where.join(' AND '), params };
  }

  /** The versions of each title with hosts in the scope, most installed first, with their CVE ids. */
  private async titleVersions(scope: TeamScope, teamId: number | undefined, titleIds: readonly number[]): Promise<Map<number, SoftwareTitle['versions'][number][]>> {
    const out = new Map<number, SoftwareTitle['versions'][number][]>();
    const counts = countJoin('software_host_counts', 'software_id', 's.id', scope, teamId);
    if (titleIds.length === 0 || !counts) return out;
    const rows = await this.ds.query<Row[]>(`SELECT s.id, s.title_id, s.version, c.hosts_count FROM software s ${counts.join}
      WHERE s.title_id IN (?) ORDER BY c.hosts_count DESC, s.id`, [...counts.params, titleIds]);
    const cves = await this.cveIdsOf(rows.map((r) => Number(r['id'])));
    for (const r of rows) {
      const list = out.get(Number(r['title_id'])) ?? [];
      list.push({ id: Number(r['id']), version: str(r['version']), hostsCount: Number(r['hosts_count']), vulnerabilities: cves.get(Number(r['id'])) ?? [] });
      out.set(Number(r['title_id']), list);
    }
    return out;
  }

  /**
   * One host's software grouped by title (Fleet's GET /hosts/:id/software), titles by name; `query` matches
   * the title name, `vulnerable` keeps titles with a vulnerable installed version.
   */
  async hostSoftware(hostId: number, opts: ListOptions & { readonly vulnerable?: boolean }): Promise<Page<HostSoftwareTitle> & { count: number }> {
    const rows = await this.ds.query<Row[]>(`SELECT s.id, s.title_id, s.name, s.version, s.source, s.browser, t.name AS title_name, hs.last_opened_at, p.installed_path, cpe.cpe
      FROM host_software hs JOIN software s ON s.id = hs.software_id LEFT JOIN software_titles t ON t.id = s.title_id
      LEFT JOIN host_software_installed_paths p ON p.host_id = hs.host_id AND p.software_id = hs.software_id
      LEFT JOIN software_cpe cpe ON cpe.software_id = s.id WHERE hs.host_id = ?`, [hostId]);
    const cves = await this.cveIdsOf(rows.map((r) => Number(r['id'])));
    const titles = new Map<number | string, { id: number; name: string; source: string; browser: string; installedVersions: HostSoftwareVersion[] }>();
    for (const r of rows) {
      const titleId = r['title_id'] === null ? null : Number(r['title_id']);
      const key = titleId ?? `v${String(r['id'])}`;
      const t = titles.get(key) ?? { id: titleId ?? 0, name: str(r['title_name'] ?? r['name']) || str(r['name']), source: str(r['source']), browser: str(r['browser']), installedVersions: [] };
      t.installedVersions.push({
        id: Number(r['id']), version: str(r['version']), lastOpenedAt: r['last_opened_at'] instanceof Date ? r['last_opened_at'] : null,
        vulnerabilities: cves.get(Number(r['id'])) ?? [], installedPaths: r['installed_path'] ? [str(r['installed_path'])] : [], source: str(r['source']), generatedCpe: str(r['cpe']),
      });
      titles.set(key, t);
    }
    const term = opts.query?.toLowerCase();
    const all = [...titles.values()]
      .filter((t) => !term || t.name.toLowerCase().includes(term))
      .filter((t) => !opts.vulnerable || t.installedVersions.some((v) => v.vulnerabilities.length > 0))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
    for (const t of all) t.installedVersions.sort((a, b) => a.version.localeCompare(b.version));
    const start = opts.page * opts.perPage;
    const items = opts.perPage > 0 ? all.slice(start, start + opts.perPage) : all;
    return { items, hasNext: opts.perPage > 0 && start + opts.perPage < all.length, hasPrevious: opts.perPage > 0 && opts.page > 0, count: all.length };
  }

  private async cvesOf(softwareIds: readonly number[]): Promise<Map<number, FoundCve[]>> {
    const out = new Map<number, FoundCve[]>();
    if (softwareIds.length === 0) return out;
    const rows = await this.ds.query<Row[]>(`SELECT sc.software_id, sc.cve, sc.resolved_in_version, sc.created_at, ${CVE_COLUMNS}
      FROM software_cve sc LEFT JOIN cve_meta m ON m.cve = sc.cve WHERE sc.software_id IN (?) ORDER BY sc.cve`, [softwareIds]);
    for (const r of rows) {
      const id = Number(r['software_id']);
      const list = out.get(id) ?? [];
      list.push(foundCve(r));
      out.set(id, list);
    }
    return out;
  }

  private async cveIdsOf(softwareIds: readonly number[]): Promise<Map<number, string[]>> {
    const out = new Map<number, string[]>();
    for (let i = 0; i < softwareIds.length; i += 5000) {
      const rows = await this.ds.query<Row[]>('SELECT software_id, cve FROM software_cve WHERE software_id IN (?) ORDER BY cve', [softwareIds.slice(i, i + 5000)]);
      for (const r of rows) {
        const id = Number(r['software_id']);
        const list = out.get(id) ?? [];
        list.push(String(r['cve']));
        out.set(id, list);
      }
    }
    return out;
  }
}

function toVersion(r: Row, vulnerabilities: FoundCve[]): SoftwareVersion {
  return {
    id: Number(r['id']), titleId: r['title_id'] === null ? null : Number(r['title_id']), name: str(r['name']), version: str(r['version']), source: str(r['source']),
    vendor: str(r['vendor']), release: str(r['release']), arch: str(r['arch']), browser: str(r['browser']), bundleIdentifier: str(r['bundle_identifier']),
    extensionId: str(r['extension_id']), generatedCpe: str(r['cpe']), hostsCount: Number(r['hosts_count'] ?? 0), vulnerabilities,
  };
}

function toTitle(r: Row, versions: SoftwareTitle['versions']): SoftwareTitle {
  return {
    id: Number(r['id']), name: str(r['name']), source: str(r['source']), browser: str(r['browser']), bundleIdentifier: str(r['bundle_identifier']),
    hostsCount: Number(r['hosts_count'] ?? 0), versions,
  };
}
