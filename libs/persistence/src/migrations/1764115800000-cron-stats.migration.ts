import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Runs of the background schedules (Fleet's cron_stats): one row per run, scheduled or triggered through
 * `POST /trigger`. A trigger inserts a `queued` row; the replica that takes the schedule's lease turns it
 * into `pending` while it runs and `completed` (with the errors of the jobs that failed) at the end. A run
 * whose replica died stays `pending` until the next run marks it `expired`.
 */
export class CronStats1764115800000 implements MigrationInterface {
  name = 'CronStats1764115800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE cron_stats (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      name VARCHAR(255) NOT NULL,
      instance VARCHAR(255) NOT NULL DEFAULT '',
      stats_type VARCHAR(16) NOT NULL COMMENT 'scheduled, triggered',
      status VARCHAR(16) NOT NULL COMMENT 'queued, pending, completed, expired',
      errors JSON NULL,
      created_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
      updated_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
      KEY idx_cron_stats_name_status (name, status, created_at),
      KEY idx_cron_stats_created (created_at)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE cron_stats');
  }
}
