import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
const TS = 'TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)';
const TS_UPDATED = 'TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6)';

/**
 * Live-query campaigns (Fleet's distributed_query_campaigns). The SQL text is kept on the row, so an ad-hoc
 * query needs no "unsaved" queries row; `query_id` is set only when a saved query was run. Counts are the
 * final totals written when the campaign ends; while it runs they live in Redis.
 */
export class LiveQueryCampaigns1764115700000 implements MigrationInterface {
  name = 'LiveQueryCampaigns1764115700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE distributed_query_campaigns (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      query_id INT UNSIGNED NULL,
      query MEDIUMTEXT NOT NULL,
      status VARCHAR(16) NOT NULL DEFAULT 'waiting' COMMENT 'waiting, running, completed, stopped, timed_out',
      user_id INT UNSIGNED NULL,
      targeted_count INT UNSIGNED NOT NULL DEFAULT 0,
      online_count INT UNSIGNED NOT NULL DEFAULT 0,
      offline_count INT UNSIGNED NOT NULL DEFAULT 0,
      missing_count INT UNSIGNED NOT NULL DEFAULT 0,
      responded_count INT UNSIGNED NOT NULL DEFAULT 0,
      failed_count INT UNSIGNED NOT NULL DEFAULT 0,
      rows_count BIGINT UNSIGNED NOT NULL DEFAULT 0,
      created_at ${TS},
      updated_at ${TS_UPDATED},
      finished_at TIMESTAMP(6) NULL,
      KEY idx_dqc_status (status, created_at),
      KEY idx_dqc_user (user_id),
      KEY idx_dqc_query (query_id)
    ) ${TABLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE distributed_query_campaigns');
  }
}
