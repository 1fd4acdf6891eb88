import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
const TS = 'TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)';
const TS_UPDATED = 'TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6)';

/**
 * The admin API's own tables: users with either one global role or per-team roles (user_teams), sessions
 * (only a SHA-256 of each token is stored, so a database dump does not hand out live tokens) and the
 * activity log. Also the indexes the host list needs at 100k hosts (see bench/admin-api).
 */
export class AdminUsers1764115400000 implements MigrationInterface {
  name = 'AdminUsers1764115400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE users (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      name VARCHAR(255) NOT NULL,
      email VARCHAR(255) NOT NULL,
      password_hash VARCHAR(255) NOT NULL,
      global_role VARCHAR(32) NULL,
      api_only TINYINT(1) NOT NULL DEFAULT 0,
      force_password_reset TINYINT(1) NOT NULL DEFAULT 0,
      sso_enabled TINYINT(1) NOT NULL DEFAULT 0,
      mfa_enabled TINYINT(1) NOT NULL DEFAULT 0,
      position VARCHAR(255) NOT NULL DEFAULT '',
      created_at ${TS},
      updated_at ${TS_UPDATED},
      UNIQUE KEY idx_users_email (email)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE user_teams (
      user_id INT UNSIGNED NOT NULL,
      team_id INT UNSIGNED NOT NULL,
      role VARCHAR(32) NOT NULL,
      PRIMARY KEY (user_id, team_id),
      KEY idx_user_teams_team (team_id),
      CONSTRAINT fk_user_teams_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
      CONSTRAINT fk_user_teams_team FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
    ) ${TABLE}`);

    await q.query(`CREATE TABLE sessions (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      user_id INT UNSIGNED NOT NULL,
      token_hash CHAR(64) NOT NULL,
      accessed_at ${TS},
      created_at ${TS},
      UNIQUE KEY idx_sessions_token (token_hash),
      KEY idx_sessions_user (user_id),
      CONSTRAINT fk_sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
    ) ${TABLE}`);

    await q.query(`CREATE TABLE activities (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      user_id INT UNSIGNED NULL,
      user_name VARCHAR(255) NULL,
      user_email VARCHAR(255) NOT NULL DEFAULT '',
      activity_type VARCHAR(255) NOT NULL,
      details JSON NULL,
      fleet_initiated TINYINT(1) NOT NULL DEFAULT 0,
      created_at ${TS},
      KEY idx_activities_created (created_at),
      KEY idx_activities_type (activity_type)
    ) ${TABLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['activities', 'sessions', 'user_teams', 'users']) await q.query(`DROP TABLE ${t}`);
  }
}
