import type { DataSource } from 'typeorm';
import type { Session } from '@fleet/domain';


type Row = Record<string, unknown>;

const toSession = (r: Row): Session => ({
  id: Number(r['id']), userId: Number(r['user_id']), accessedAt: r['accessed_at'] as Date, createdAt: r['created_at'] as Date,
});

/** Sessions are looked up by the SHA-256 of the bearer token; the token itself is never stored. */
export class SessionRepository {
  constructor(private readonly ds: DataSource) {}

  async create(userId: number, tokenHash: string, now: Date): Promise<Session> {
    const res = await this.ds.query<{ insertId: number }>(
      'INSERT INTO sessions (user_id, token_hash, accessed_at, created_at) VALUES (?, ?, ?, ?)', [userId, tokenHash, now, now]);
    return { id: res.insertId, userId, accessedAt: now, createdAt: now };
  }

  async findByTokenHash(tokenHash: string): Promise<Session | null> {
    const [row] = await this.ds.query<Row[]>('SELECT * FROM sessions WHERE token_hash = ?', [tokenHash]);
    return row ? toSession(row) : null;
  }

  async findById(id: number): Promise<Session | null> {
    const [row] = await this.ds.query<Row[]>('SELECT * FROM sessions WHERE id = ?', [id]);
    return row ? toSession(row) : null;
  }

  async listByUser(userId: number): Promise<Session[]> {
    const rows = await this.ds.query<Row[]>('SELECT * FROM sessions WHERE user_id = ? ORDER BY id', [userId]);
    return rows.map(toSession);
  }

  async touch(id: number, now: Date): Promise<void> {
    await this.ds.query('UPDATE sessions SET accessed_at = ? WHERE id = ?', [now, id]);
  }

  async delete(id: number): Promise<void> {
    await this.ds.query('DELETE FROM sessions WHERE id = ?', [id]);
  }

  async deleteByUser(userId: number): Promise<void> {
    await this.ds.query('DELETE FROM sessions WHERE user_id = ?', [userId]);
  }
}
