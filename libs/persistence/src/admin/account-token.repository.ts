import type { DataSource } from 'typeorm';
import type { AccountToken, AccountTokenKind } from '@fleet/domain';

type Row = Record<string, unknown>;

const toToken = (r: Row): AccountToken => ({
  id: Number(r['id']), kind: r['kind'] as AccountTokenKind, userId: Number(r['user_id']),
  newEmail: typeof r['new_email'] === 'string' ? r['new_email'] : null, expiresAt: r['expires_at'] as Date, createdAt: r['created_at'] as Date,
});

/**
 * The emailed single-use tokens of password resets, the two-factor login and email changes, by the SHA-256
 * of the token. `consume` is the one way a token is used: only one of any number of concurrent callers
 * deletes the row, so a token works once even when its link is opened twice at the same moment.
 */
export class AccountTokenRepository {
  constructor(private readonly ds: DataSource) {}

  async create(kind: AccountTokenKind, userId: number, tokenHash: string, expiresAt: Date, newEmail: string | null = null): Promise<number> {
    const res = await this.ds.query<{ insertId: number }>(
      'INSERT INTO account_tokens (kind, user_id, token_hash, new_email, expires_at) VALUES (?, ?, ?, ?, ?)', [kind, userId, tokenHash, newEmail, expiresAt]);
    return res.insertId;
  }

  /** The token of this kind with this hash that is still valid at `now`, or null. */
  async findValid(kind: AccountTokenKind, tokenHash: string, now: Date): Promise<AccountToken | null> {
    const [row] = await this.ds.query<Row[]>('SELECT * FROM account_tokens WHERE kind = ? AND token_hash = ? AND expires_at > ?', [kind, tokenHash, now]);
    return row ? toToken(row) : null;
  }

  /** Deletes the token; true only for the caller whose delete removed it. */
  async consume(id: number): Promise<boolean> {
    const res = await this.ds.query<{ affectedRows: number }>('DELETE FROM account_tokens WHERE id = ?', [id]);
    return res.affectedRows > 0;
  }

  /** Every token of this kind the user holds (a reset voids the other reset links). */
  async deleteForUser(userId: number, kind: AccountTokenKind): Promise<void> {
    await this.ds.query('DELETE FROM account_tokens WHERE user_id = ? AND kind = ?', [userId, kind]);
  }

  /** Tokens past their expiry; they are refused anyway, this only keeps the table small. */
  async deleteExpired(now: Date): Promise<number> {
    const res = await this.ds.query<{ affectedRows: number }>('DELETE FROM account_tokens WHERE expires_at <= ?', [now]);
    return res.affectedRows;
  }
}
