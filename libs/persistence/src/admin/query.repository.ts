import type { DataSource } from 'typeorm';
import { QUERY_LOGGING_TYPES } from '@fleet/domain';
import type { ListOptions, Page, QueryFields, QueryLogging, QueryPack, QueryReportRow, SavedQuery, TeamScope } from '@fleet/domain';
import { bool, likeTerm, orderAndLimit, toPage } from './sql-page';
import { teamScopeSql } from './team-scope';

type Row = Record<string, unknown>;
const SELECT = 'SELECT q.*, u.name AS author_name, u.email AS author_email FROM queries q LEFT JOIN users u ON u.id = q.author_id';
const COLUMNS: ReadonlyArray<[keyof QueryFields, string]> = [
  ['name', 'name'], ['description', 'description'], ['query', 'query'], ['observerCanRun', 'observer_can_run'], ['interval', 'schedule_interval'],
  ['platform', 'platform'], ['minOsqueryVersion', 'min_osquery_version'], ['automationsEnabled', 'automations_enabled'],
  ['logging', 'logging_type'], ['discardData', 'discard_data'],
];

/** Only the API writes queries and it admits Fleet's three logging types; anything else reads as the default. */
const logging = (v: unknown): QueryLogging => QUERY_LOGGING_TYPES.find((t) => t === v) ?? 'snapshot';

const toQuery = (r: Row): SavedQuery => ({
  id: Number(r['id']), teamId: r['team_id'] === null ? null : Number(r['team_id']), name: String(r['name']), description: String(r['description']),
  query: String(r['query']), authorId: r['author_id'] === null ? null : Number(r['author_id']), authorName: String((r['author_name'] as string | null) ?? ''),
  authorEmail: String((r['author_email'] as string | null) ?? ''), observerCanRun: bool(r['observer_can_run']), interval: Number(r['schedule_interval']),
  platform: String(r['platform']), minOsqueryVersion: String(r['min_osquery_version']), automationsEnabled: bool(r['automations_enabled']),
  logging: logging(r['logging_type']), discardData: bool(r['discard_data']), createdAt: r['created_at'] as Date, updatedAt: r['updated_at'] as Date,
});

/** Saved queries; `teamId` null = global. Names are unique per team (team_scope). */
export class QueryRepository {
  constructor(private readonly ds: DataSource) {}

  /** Queries of one team (or global with null); `withGlobal` adds the inherited global ones. */
  async list(teamId: number | null, withGlobal: boolean, opts: ListOptions, platform?: string): Promise<Page<SavedQuery> & { count: number }> {
    const where = [teamId === null ? 'q.team_id IS NULL' : withGlobal ? '(q.team_id = ? OR q.team_id IS NULL)' : 'q.team_id = ?', 'q.saved = 1'];
    const params: unknown[] = teamId === null ? [] : [teamId];
    if (opts.query) { where.push('q.name LIKE ?'); params.push(likeTerm(opts.query)); }
    if (platform) { where.push("(q.platform = '' OR FIND_IN_SET(?, q.platform) > 0)"); params.push(platform === 'macos' ? 'darwin' : platform); }
    const sqlWhere = ` WHERE ${where.join(' AND ')}`;
    const order = orderAndLimit(opts, { name: 'q.name', id: 'q.id', created_at: 'q.created_at', updated_at: 'q.updated_at', interval: 'q.schedule_interval' }, 'q.name');
    const rows = await this.ds.query<Row[]>(`${SELECT}${sqlWhere}${order}`, params);
    const [c] = await this.ds.query<Row[]>(`SELECT COUNT(*) AS n FROM queries q${sqlWhere}`, params);
    return { ...toPage(rows.map(toQuery), opts), count: Number(c?.['n'] ?? 0) };
  }

  /** Queries of one team (or global with null) that run on a schedule (interval > 0): the 4.35+ view of a schedule. */
  async listScheduled(teamId: number | null, opts: ListOptions): Promise<Page<SavedQuery>> {
    const where = `${teamId === null ? 'q.team_id IS NULL' : 'q.team_id = ?'} AND q.saved = 1 AND q.schedule_interval > 0`;
    const order = orderAndLimit(opts, { name: 'q.name', id: 'q.id', created_at: 'q.created_at', updated_at: 'q.updated_at', interval: 'q.schedule_interval' }, 'q.name');
    const rows = await this.ds.query<Row[]>(`${SELECT} WHERE ${where}${order}`, teamId === null ? [] : [teamId]);
    return toPage(rows.map(toQuery), opts);
  }

  async findById(id: number): Promise<SavedQuery | null> {
    const [row] = await this.ds.query<Row[]>(`${SELECT} WHERE q.id = ?`, [id]);
    return row ? toQuery(row) : null;
  }

  async findByName(teamId: number | null, name: string): Promise<SavedQuery | null> {
    const [row] = await this.ds.query<Row[]>(`${SELECT} WHERE q.team_scope = ? AND q.name = ?`, [teamId ?? 0, name]);
    return row ? toQuery(row) : null;
  }

  async findMany(ids: readonly number[]): Promise<SavedQuery[]> {
    if (ids.length === 0) return [];
    return (await this.ds.query<Row[]>(`${SELECT} WHERE q.id IN (?)`, [ids])).map(toQuery);
  }

  async create(teamId: number | null, authorId: number | null, f: QueryFields): Promise<number> {
    const res = await this.ds.query<{ insertId: number }>(
      `INSERT INTO queries (team_id, author_id, ${COLUMNS.map(([, c]) => c).join(', ')}) VALUES (?, ?, ${COLUMNS.map(() => '?').join(', ')})`,
      [teamId, authorId, ...COLUMNS.map(([k]) => f[k])]);
    return res.insertId;
  }

  async update(id: number, patch: Partial<QueryFields>): Promise<void> {
    const cols = COLUMNS.filter(([k]) => patch[k] !== undefined);
    if (cols.length === 0) return;
    await this.ds.query(`UPDATE queries SET ${cols.map(([, c]) => `${c} = ?`).join(', ')} WHERE id = ?`, [...cols.map(([k]) => patch[k]), id]);
  }

  async deleteMany(ids: readonly number[]): Promise<number> {
    if (ids.length === 0) return 0;
    const res = await this.ds.query<{ affectedRows: number }>('DELETE FROM queries WHERE id IN (?)', [ids]);
    return res.affectedRows;
  }

  /** Drops the stored report (Fleet does this when the SQL or the logging mode changes). */
  async clearResults(id: number): Promise<void> {
    await this.ds.query('DELETE FROM query_results WHERE query_id = ?', [id]);
  }

  /**
   * Stored rows of a scheduled query, newest first (ties by row, newest first), limited to hosts whose team the
   * scope admits: `limit` rows after skipping `offset`. With every team in scope the page is picked from
   * idx_query_results_query_fetched alone (a deferred join: the skipped rows are index entries, never read), so
   * a page deep in a report of a million rows stays cheap; a team-scoped caller's page filters by the hosts'
   * teams as it goes.
   */
  async report(id: number, scope: TeamScope, page: { readonly limit: number; readonly offset: number }): Promise<QueryReportRow[]> {
    const columns = 'qr.host_id, h.hostname, qr.last_fetched, qr.data';
    const rows = scope.kind === 'all'
      ? await this.ds.query<Row[]>(
        `SELECT ${columns} FROM (SELECT id FROM query_results WHERE query_id = ? AND has_data = 1 ORDER BY last_fetched DESC, id DESC LIMIT ? OFFSET ?) page
         JOIN query_results qr ON qr.id = page.id JOIN hosts h ON h.id = qr.host_id ORDER BY qr.last_fetched DESC, qr.id DESC`, [id, page.limit, page.offset])
      : await this.ds.query<Row[]>(
        `SELECT ${columns} FROM query_results qr JOIN hosts h ON h.id = qr.host_id
         WHERE qr.query_id = ? AND qr.has_data = 1 AND ${teamScopeSql('h.team_id', scope).sql} ORDER BY qr.last_fetched DESC, qr.id DESC LIMIT ? OFFSET ?`,
        [id, ...teamScopeSql('h.team_id', scope).params, page.limit, page.offset]);
    return rows.map((r) => ({
      hostId: Number(r['host_id']), hostName: String(r['hostname']), lastFetched: r['last_fetched'] as Date,
      data: (typeof r['data'] === 'string' ? JSON.parse(r['data']) : r['data'] ?? {}) as Record<string, unknown>,
    }));
  }

  /** Rows with data the query's report holds, for every host (whether it reached its cap); read from the index. */
  async reportSize(id: number): Promise<number> {
    const [r] = await this.ds.query<Row[]>('SELECT COUNT(*) AS n FROM query_results WHERE query_id = ? AND has_data = 1', [id]);
    return Number(r?.['n'] ?? 0);
  }

  /** Packs that schedule this query, for the query object's `packs`. */
  async packsOf(id: number): Promise<QueryPack[]> {
    const rows = await this.ds.query<Row[]>('SELECT DISTINCT p.* FROM packs p JOIN scheduled_queries sq ON sq.pack_id = p.id WHERE sq.query_id = ? ORDER BY p.id', [id]);
    return rows.map((p) => ({
      id: Number(p['id']), name: String(p['name']), description: String(p['description']), platform: String(p['platform']),
      disabled: Number(p['disabled']) === 1, createdAt: p['created_at'] as Date, updatedAt: p['updated_at'] as Date,
    }));
  }
}
