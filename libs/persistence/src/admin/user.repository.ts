import type { DataSource } from 'typeorm';
import { isRoleName } from '@fleet/domain';
import type { NewUser, RoleName, User, UserPatch } from '@fleet/domain';
import type { ListOptions, Page } from '@fleet/domain';
import { bool, likeTerm, orderAndLimit, toPage } from './sql-page';

type Row = Record<string, unknown>;

/** A stored role name; anything else (never written by this code) reads as none. */
const roleOrNull = (v: unknown): RoleName | null => (isRoleName(v) ? v : null);

const ORDER = { name: 'u.name', email: 'u.email', id: 'u.id', created_at: 'u.created_at', updated_at: 'u.updated_at' };

/** Users and their roles. Users are global objects: team admins see them only through team membership lists. */
export class UserRepository {
  constructor(private readonly ds: DataSource) {}

  async count(): Promise<number> {
    const [row] = await this.ds.query<Row[]>('SELECT COUNT(*) AS n FROM users');
    return Number(row?.['n'] ?? 0);
  }

  async findById(id: number): Promise<User | null> {
    return (await this.load('u.id = ?', [id]))[0] ?? null;
  }

  async findByEmail(email: string): Promise<User | null> {
    return (await this.load('u.email = ?', [email]))[0] ?? null;
  }

  /** Users holding `role` globally; used to keep at least one global admin. */
  async countGlobalRole(role: RoleName): Promise<number> {
    const [row] = await this.ds.query<Row[]>('SELECT COUNT(*) AS n FROM users WHERE global_role = ?', [role]);
    return Number(row?.['n'] ?? 0);
  }

  /** `teamId` restricts to members of that team (Fleet's `team_id` filter). */
  async list(opts: ListOptions, teamId?: number): Promise<Page<User>> {
    const where: string[] = ['1=1'];
    const params: unknown[] = [];
    if (opts.query) {
      where.push('(u.name LIKE ? OR u.email LIKE ?)');
      params.push(likeTerm(opts.query), likeTerm(opts.query));
    }
    if (teamId !== undefined) {
      where.push('u.id IN (SELECT user_id FROM user_teams WHERE team_id = ?)');
      params.push(teamId);
    }
    const rows = await this.load(where.join(' AND '), params, orderAndLimit(opts, ORDER, 'u.name'));
    return toPage(rows, opts);
  }

  async create(user: NewUser): Promise<number> {
    return this.ds.transaction(async (m) => {
      const res = await m.query<{ insertId: number }>(
        `INSERT INTO users (name, email, password_hash, global_role, api_only, force_password_reset, sso_enabled, mfa_enabled)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [user.name, user.email, user.passwordHash, user.globalRole, user.apiOnly, user.forcePasswordReset, user.ssoEnabled, user.mfaEnabled],
      );
      for (const t of user.teams) await m.query('INSERT INTO user_teams (user_id, team_id, role) VALUES (?, ?, ?)', [res.insertId, t.teamId, t.role]);
      return res.insertId;
    });
  }

  async update(id: number, patch: UserPatch): Promise<void> {
    const cols: Array<[string, unknown]> = [];
    const map: Array<[keyof UserPatch, string]> = [['name', 'name'], ['email', 'email'], ['passwordHash', 'password_hash'], ['globalRole', 'global_role'],
      ['apiOnly', 'api_only'], ['forcePasswordReset', 'force_password_reset'], ['ssoEnabled', 'sso_enabled'], ['mfaEnabled', 'mfa_enabled'], ['position', 'position']];
    for (const [key, col] of map) if (patch[key] !== undefined) cols.push([col, patch[key]]);
    await this.ds.transaction(async (m) => {
      if (cols.length > 0) await m.query(`UPDATE users SET ${cols.map(([c]) => `${c} = ?`).join(', ')} WHERE id = ?`, [...cols.map(([, v]) => v), id]);
      if (patch.teams !== undefined) {
        await m.query('DELETE FROM user_teams WHERE user_id = ?', [id]);
        for (const t of patch.teams) await m.query('INSERT INTO user_teams (user_id, team_id, role) VALUES (?, ?, ?)', [id, t.teamId, t.role]);
      }
    });
  }

  async setTeamRole(userId: number, teamId: number, role: RoleName | null): Promise<void> {
    if (role === null) await this.ds.query('DELETE FROM user_teams WHERE user_id = ? AND team_id = ?', [userId, teamId]);
    else await this.ds.query('INSERT INTO user_teams (user_id, team_id, role) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE role = VALUES(role)', [userId, teamId, role]);
  }

  async delete(id: number): Promise<boolean> {
    const res = await this.ds.query<{ affectedRows: number }>('DELETE FROM users WHERE id = ?', [id]);
    return res.affectedRows > 0;
  }

  private async load(where: string, params: unknown[], tail = ''): Promise<User[]> {
    const rows = await this.ds.query<Row[]>(`SELECT u.* FROM users u WHERE ${where}${tail}`, params);
    if (rows.length === 0) return [];
    const teamRows = await this.ds.query<Row[]>(
      'SELECT ut.user_id, ut.team_id, ut.role, t.name, t.description, t.created_at FROM user_teams ut JOIN teams t ON t.id = ut.team_id WHERE ut.user_id IN (?) ORDER BY t.name',
      [rows.map((r) => r['id'])],
    );
    return rows.map((r) => ({
      id: Number(r['id']), name: String(r['name']), email: String(r['email']), passwordHash: String(r['password_hash']),
      globalRole: roleOrNull(r['global_role']), apiOnly: bool(r['api_only']), forcePasswordReset: bool(r['force_password_reset']),
      ssoEnabled: bool(r['sso_enabled']), mfaEnabled: bool(r['mfa_enabled']), position: String((r['position'] as string | null) ?? ''),
      createdAt: r['created_at'] as Date, updatedAt: r['updated_at'] as Date,
      teams: teamRows.filter((t) => t['user_id'] === r['id']).map((t) => ({
        teamId: Number(t['team_id']), teamName: String(t['name']), teamDescription: String(t['description']), teamCreatedAt: t['created_at'] as Date, role: roleOrNull(t['role']) ?? 'observer',
      })),
    }));
  }
}
