import type { DataSource } from 'typeorm';
import type { ListOptions, Page } from '@fleet/domain';
import { likeTerm, orderAndLimit, toPage } from './sql-page';
import type { EnrollSecret, Team, TeamScope } from '@fleet/domain';
import { teamScopeSql } from './team-scope';

type Row = Record<string, unknown>;

const parseJson = (v: unknown): Record<string, unknown> => (typeof v === 'string' ? JSON.parse(v) : v ?? {}) as Record<string, unknown>;

const SELECT = `SELECT t.*, (SELECT COUNT(*) FROM user_teams ut WHERE ut.team_id = t.id) AS user_count,
  (SELECT COUNT(*) FROM hosts h WHERE h.team_id = t.id) AS host_count FROM teams t`;

/** Teams and enroll secrets (global secrets have a NULL team). */
export class TeamRepository {
  constructor(private readonly ds: DataSource) {}

  async list(scope: TeamScope, opts: ListOptions): Promise<Page<Team>> {
    const s = teamScopeSql('t.id', scope);
    const params: unknown[] = [...s.params];
    let where = s.sql;
    if (opts.query) {
      where += ' AND t.name LIKE ?';
      params.push(likeTerm(opts.query));
    }
    const rows = await this.ds.query<Row[]>(`${SELECT} WHERE ${where}${orderAndLimit(opts, { name: 't.name', id: 't.id', created_at: 't.created_at' }, 't.name')}`, params);
    return toPage(rows.map(toTeam), opts);
  }

  async findById(id: number): Promise<Team | null> {
    const [row] = await this.ds.query<Row[]>(`${SELECT} WHERE t.id = ?`, [id]);
    return row ? toTeam(row) : null;
  }

  async findByName(name: string): Promise<Team | null> {
    const [row] = await this.ds.query<Row[]>(`${SELECT} WHERE t.name = ?`, [name]);
    return row ? toTeam(row) : null;
  }

  async create(name: string, description: string, config: Record<string, unknown>): Promise<number> {
    const res = await this.ds.query<{ insertId: number }>('INSERT INTO teams (name, description, config) VALUES (?, ?, ?)', [name, description, JSON.stringify(config)]);
    return res.insertId;
  }

  async update(id: number, patch: { name?: string; description?: string; config?: Record<string, unknown> }): Promise<void> {
    const cols: Array<[string, unknown]> = [];
    if (patch.name !== undefined) cols.push(['name', patch.name]);
    if (patch.description !== undefined) cols.push(['description', patch.description]);
    if (patch.config !== undefined) cols.push(['config', JSON.stringify(patch.config)]);
    if (cols.length === 0) return;
    await this.ds.query(`UPDATE teams SET ${cols.map(([c]) => `${c} = ?`).join(', ')} WHERE id = ?`, [...cols.map(([, v]) => v), id]);
  }

  /** Deleting a team moves its hosts to "no team" (FK ON DELETE SET NULL) and drops its secrets, queries, policies. */
  async delete(id: number): Promise<boolean> {
    const res = await this.ds.query<{ affectedRows: number }>('DELETE FROM teams WHERE id = ?', [id]);
    return res.affectedRows > 0;
  }

  async secrets(teamId: number | null): Promise<EnrollSecret[]> {
    const rows = await this.ds.query<Row[]>(
      teamId === null ? 'SELECT * FROM enroll_secrets WHERE team_id IS NULL ORDER BY created_at, secret' : 'SELECT * FROM enroll_secrets WHERE team_id = ? ORDER BY created_at, secret',
      teamId === null ? [] : [teamId]);
    return rows.map((r) => ({ secret: String(r['secret']), teamId: r['team_id'] === null ? null : Number(r['team_id']), createdAt: r['created_at'] as Date }));
  }

  /** Replaces the whole set of secrets of one scope (Fleet's semantics for both global and team secrets). */
  async replaceSecrets(teamId: number | null, secrets: readonly string[]): Promise<void> {
    await this.ds.transaction(async (m) => {
      if (teamId === null) await m.query('DELETE FROM enroll_secrets WHERE team_id IS NULL');
      else await m.query('DELETE FROM enroll_secrets WHERE team_id = ?', [teamId]);
      for (const s of secrets) await m.query('INSERT INTO enroll_secrets (secret, team_id) VALUES (?, ?)', [s, teamId]);
    });
  }
}

function toTeam(r: Row): Team {
  return {
    id: Number(r['id']), name: String(r['name']), description: String(r['description']), config: parseJson(r['config']),
    createdAt: r['created_at'] as Date, userCount: Number(r['user_count'] ?? 0), hostCount: Number(r['host_count'] ?? 0),
  };
}
