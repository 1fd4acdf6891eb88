import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The organisation-wide settings document (Fleet's app_config_json): one row, JSON. */
export class AppConfig1764115200000 implements MigrationInterface {
  name = 'AppConfig1764115200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE app_config_json (
      id TINYINT UNSIGNED NOT NULL PRIMARY KEY DEFAULT 1,
      json_value JSON NOT NULL,
      created_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
      updated_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`INSERT INTO app_config_json (id, json_value) VALUES (1, '{}')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE app_config_json');
  }
}
