import type { DataSource, EntityManager } from 'typeorm';
import { isRoleName } from '@fleet/domain';
import type { Invite, InvitePatch, ListOptions, NewInvite, Page, RoleName } from '@fleet/domain';
import { bool, likeTerm, orderAndLimit, toPage } from './sql-page';

type Row = Record<string, unknown>;

const ORDER = { id: 'i.id', name: 'i.name', email: 'i.email', created_at: 'i.created_at', updated_at: 'i.updated_at' };

/** Invites and the team roles they grant; looked up by id, email or the SHA-256 of the emailed token. */
export class InviteRepository {
  constructor(private readonly ds: DataSource) {}

  async create(invite: NewInvite): Promise<number> {
    return this.ds.transaction(async (m) => {
      const res = await m.query<{ insertId: number }>(
        `INSERT INTO invites (invited_by, email, name, position, sso_enabled, mfa_enabled, global_role, token_hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [invite.invitedBy, invite.email, invite.name, invite.position, invite.ssoEnabled, invite.mfaEnabled, invite.globalRole, invite.tokenHash],
      );
      await this.writeTeams(m, res.insertId, invite.teams);
      return res.insertId;
    });
  }

  async findById(id: number): Promise<Invite | null> {
    return (await this.load('i.id = ?', [id]))[0] ?? null;
  }

  async findByEmail(email: string): Promise<Invite | null> {
    return (await this.load('i.email = ?', [email]))[0] ?? null;
  }

  async findByTokenHash(tokenHash: string): Promise<Invite | null> {
    return (await this.load('i.token_hash = ?', [tokenHash]))[0] ?? null;
  }

  /** `query` matches name and email, as Fleet's invite list does. */
  async list(opts: ListOptions): Promise<Page<Invite>> {
    const where = opts.query ? '(i.name LIKE ? OR i.email LIKE ?)' : '1=1';
    const params = opts.query ? [likeTerm(opts.query), likeTerm(opts.query)] : [];
    return toPage(await this.load(where, params, orderAndLimit(opts, ORDER, 'i.id')), opts);
  }

  async update(id: number, patch: InvitePatch): Promise<void> {
    const map: Array<[keyof InvitePatch, string]> = [['email', 'email'], ['name', 'name'], ['position', 'position'], ['ssoEnabled', 'sso_enabled'],
      ['mfaEnabled', 'mfa_enabled'], ['globalRole', 'global_role']];
    const cols = map.filter(([k]) => patch[k] !== undefined).map(([k, c]): [string, unknown] => [c, patch[k]]);
    await this.ds.transaction(async (m) => {
      // Touch updated_at even when only the team roles change.
      await m.query(`UPDATE invites SET ${[...cols.map(([c]) => `${c} = ?`), 'updated_at = CURRENT_TIMESTAMP(6)'].join(', ')} WHERE id = ?`, [...cols.map(([, v]) => v), id]);
      if (patch.teams !== undefined) {
        await m.query('DELETE FROM invite_teams WHERE invite_id = ?', [id]);
        await this.writeTeams(m, id, patch.teams);
      }
    });
  }

  async delete(id: number): Promise<boolean> {
    const res = await this.ds.query<{ affectedRows: number }>('DELETE FROM invites WHERE id = ?', [id]);
    return res.affectedRows > 0;
  }

  private async writeTeams(m: EntityManager, inviteId: number, teams: ReadonlyArray<{ teamId: number; role: RoleName }>): Promise<void> {
    for (const t of teams) await m.query('INSERT INTO invite_teams (invite_id, team_id, role) VALUES (?, ?, ?)', [inviteId, t.teamId, t.role]);
  }

  private async load(where: string, params: unknown[], tail = ''): Promise<Invite[]> {
    const rows = await this.ds.query<Row[]>(`SELECT i.* FROM invites i WHERE ${where}${tail}`, params);
    if (rows.length === 0) return [];
    const teamRows = await this.ds.query<Row[]>(
      'SELECT it.invite_id, it.team_id, it.role, t.name, t.description FROM invite_teams it JOIN teams t ON t.id = it.team_id WHERE it.invite_id IN (?) ORDER BY t.name',
      [rows.map((r) => r['id'])],
    );
    return rows.map((r) => ({
      id: Number(r['id']), invitedBy: r['invited_by'] === null ? null : Number(r['invited_by']), email: String(r['email']), name: String(r['name']),
      position: String(r['position']), ssoEnabled: bool(r['sso_enabled']), mfaEnabled: bool(r['mfa_enabled']),
      globalRole: isRoleName(r['global_role']) ? r['global_role'] : null, createdAt: r['created_at'] as Date, updatedAt: r['updated_at'] as Date,
      teams: teamRows.filter((t) => t['invite_id'] === r['id']).flatMap((t) => (isRoleName(t['role']) ? [{
        teamId: Number(t['team_id']), teamName: String(t['name']), teamDescription: String(t['description']), role: t['role'],
      }] : [])),
    }));
  }
}
