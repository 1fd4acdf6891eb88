import type { DataSource } from 'typeorm';
import type { ListOptions, Page, Policy, PolicyFields } from '@fleet/domain';
import { bool, likeTerm, orderAndLimit, toPage } from './sql-page';

type Row = Record<string, unknown>;
/** Counts come from the (policy_id, passes) index, so they stay cheap at 100k hosts. */
const SELECT = `SELECT p.*, u.name AS author_name, u.email AS author_email,
  (SELECT COUNT(*) FROM policy_membership pm WHERE pm.policy_id = p.id AND pm.passes = 1) AS passing,
  (SELECT COUNT(*) FROM policy_membership pm WHERE pm.policy_id = p.id AND pm.passes = 0) AS failing
  FROM policies p LEFT JOIN users u ON u.id = p.author_id`;
const COLUMNS: ReadonlyArray<[keyof PolicyFields, string]> = [
  ['name', 'name'], ['query', 'query'], ['description', 'description'], ['resolution', 'resolution'], ['platform', 'platforms'], ['critical', 'critical'],
];

const toPolicy = (r: Row): Policy => ({
  id: Number(r['id']), teamId: r['team_id'] === null ? null : Number(r['team_id']), name: String(r['name']), query: String(r['query']),
  description: String(r['description']), resolution: String(r['resolution']), platform: String(r['platforms']), critical: bool(r['critical']),
  authorId: r['author_id'] === null ? null : Number(r['author_id']), authorName: String((r['author_name'] as string | null) ?? ''), authorEmail: String((r['author_email'] as string | null) ?? ''),
  passing: Number(r['passing'] ?? 0), failing: Number(r['failing'] ?? 0), createdAt: r['created_at'] as Date, updatedAt: r['updated_at'] as Date,
});

/** Policies; `teamId` null = global. Names are unique per team (team_scope). */
export class PolicyRepository {
  constructor(private readonly ds: DataSource) {}

  async list(teamId: number | null, opts: ListOptions): Promise<Page<Policy>> {
    const params: unknown[] = teamId === null ? [] : [teamId];
    let where = teamId === null ? 'p.team_id IS NULL' : 'p.team_id = ?';
    if (opts.query) { where += ' AND p.name LIKE ?'; params.push(likeTerm(opts.query)); }
    const rows = await this.ds.query<Row[]>(`${SELECT} WHERE ${where}${orderAndLimit(opts, { name: 'p.name', id: 'p.id', created_at: 'p.created_at' }, 'p.id')}`, params);
    return toPage(rows.map(toPolicy), opts);
  }

  async findById(id: number): Promise<Policy | null> {
    const [row] = await this.ds.query<Row[]>(`${SELECT} WHERE p.id = ?`, [id]);
    return row ? toPolicy(row) : null;
  }

  async findByName(teamId: number | null, name: string): Promise<Policy | null> {
    const [row] = await this.ds.query<Row[]>(`${SELECT} WHERE p.team_scope = ? AND p.name = ?`, [teamId ?? 0, name]);
    return row ? toPolicy(row) : null;
  }

  async create(teamId: number | null, authorId: number | null, f: PolicyFields): Promise<number> {
    const res = await this.ds.query<{ insertId: number }>(
      `INSERT INTO policies (team_id, author_id, ${COLUMNS.map(([, c]) => c).join(', ')}) VALUES (?, ?, ${COLUMNS.map(() => '?').join(', ')})`,
      [teamId, authorId, ...COLUMNS.map(([k]) => f[k])]);
    return res.insertId;
  }

  /** Changing the SQL or platform forgets earlier results: they answered a different question. */
  async update(id: number, patch: Partial<PolicyFields>): Promise<void> {
    const cols = COLUMNS.filter(([k]) => patch[k] !== undefined);
    if (cols.length === 0) return;
    await this.ds.query(`UPDATE policies SET ${cols.map(([, c]) => `${c} = ?`).join(', ')} WHERE id = ?`, [...cols.map(([k]) => patch[k]), id]);
  }

  async clearResults(id: number): Promise<void> {
    await this.ds.query('DELETE FROM policy_membership WHERE policy_id = ?', [id]);
  }

  /** Deletes those of `ids` that belong to `teamId` (null = global); returns how many. */
  async deleteMany(teamId: number | null, ids: readonly number[]): Promise<number> {
    if (ids.length === 0) return 0;
    return this.ds.transaction(async (m) => {
      const owned = await m.query<Row[]>(`SELECT id FROM policies WHERE id IN (?) AND team_scope = ?`, [ids, teamId ?? 0]);
      const keep = owned.map((r) => Number(r['id']));
      if (keep.length === 0) return 0;
      await m.query('DELETE FROM policy_membership WHERE policy_id IN (?)', [keep]);
      const res = await m.query<{ affectedRows: number }>('DELETE FROM policies WHERE id IN (?)', [keep]);
      return res.affectedRows;
    });
  }
}
