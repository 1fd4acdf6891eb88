import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
const TS = 'TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)';
const TS_UPDATED = 'TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6)';

/**
 * Accounts: invites (with their team roles) and the emailed single-use tokens of password resets, the email
 * two-factor login and email changes. As for sessions, only a SHA-256 of each token is stored, so a database
 * dump hands out no usable link. Expand only: new tables.
 */
export class Accounts1768100000000 implements MigrationInterface {
  name = 'Accounts1768100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE invites (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      invited_by INT UNSIGNED NULL,
      email VARCHAR(255) NOT NULL,
      name VARCHAR(255) NOT NULL DEFAULT '',
      position VARCHAR(255) NOT NULL DEFAULT '',
      sso_enabled TINYINT(1) NOT NULL DEFAULT 0,
      mfa_enabled TINYINT(1) NOT NULL DEFAULT 0,
      global_role VARCHAR(32) NULL,
      token_hash CHAR(64) NOT NULL,
      created_at ${TS},
      updated_at ${TS_UPDATED},
      UNIQUE KEY idx_invites_email (email),
      UNIQUE KEY idx_invites_token (token_hash),
      CONSTRAINT fk_invites_invited_by FOREIGN KEY (invited_by) REFERENCES users (id) ON DELETE SET NULL
    ) ${TABLE}`);

    await q.query(`CREATE TABLE invite_teams (
      invite_id INT UNSIGNED NOT NULL,
      team_id INT UNSIGNED NOT NULL,
      role VARCHAR(32) NOT NULL,
      PRIMARY KEY (invite_id, team_id),
      KEY idx_invite_teams_team (team_id),
      CONSTRAINT fk_invite_teams_invite FOREIGN KEY (invite_id) REFERENCES invites (id) ON DELETE CASCADE,
      CONSTRAINT fk_invite_teams_team FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
    ) ${TABLE}`);

    await q.query(`CREATE TABLE account_tokens (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      kind VARCHAR(32) NOT NULL,
      user_id INT UNSIGNED NOT NULL,
      token_hash CHAR(64) NOT NULL,
      new_email VARCHAR(255) NULL,
      expires_at TIMESTAMP(6) NOT NULL,
      created_at ${TS},
      UNIQUE KEY idx_account_tokens_token (token_hash),
      KEY idx_account_tokens_user (user_id, kind),
      KEY idx_account_tokens_expires (expires_at),
      CONSTRAINT fk_account_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
    ) ${TABLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['account_tokens', 'invite_teams', 'invites']) await q.query(`DROP TABLE ${t}`);
  }
}
