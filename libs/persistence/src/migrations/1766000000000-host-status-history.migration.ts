import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Online and total host counts per team over time, for the dashboard's "online hosts" chart (24 h and 7 days).
 * One row per team (team_id NULL = hosts with no team) per sample; every sample of one run shares its
 * recorded_at, so the counts of a time add up across teams. Recorded by cleanups_then_aggregation and pruned
 * after eight days.
 */
export class HostStatusHistory1766000000000 implements MigrationInterface {
  name = 'HostStatusHistory1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE host_status_history (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      recorded_at TIMESTAMP(0) NOT NULL,
      team_id INT UNSIGNED NULL,
      online_count INT UNSIGNED NOT NULL,
      total_count INT UNSIGNED NOT NULL,
      KEY idx_host_status_history_recorded (recorded_at, team_id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE host_status_history');
  }
}
