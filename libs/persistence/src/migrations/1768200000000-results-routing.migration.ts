import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Query reports without Fleet's fixed 1,000-row cap need an index that counts a query's rows with data and
 * pages them newest first (`ORDER BY last_fetched DESC, id DESC` walks it backwards on MySQL 8.0 and MariaDB
 * 10.11 alike), and finds the rows past `query_report_max_age`.
 *
 * Live-query campaigns that wait for offline hosts: `wait_until` is their deadline (NULL: an ordinary campaign
 * that ends when its online targets answered), `log_results` whether their answers go to the log
 * destinations. Their answers are kept in `campaign_results`, one row per host (a host answers a campaign
 * once: the unique key refuses a second), so they can be read and exported after the campaign ended and its
 * Redis stream expired.
 */
export class ResultsRouting1768200000000 implements MigrationInterface {
  name = 'ResultsRouting1768200000000';

  async up(q: QueryRunner): Promise<void> {
    // has_data is virtual (computed, not stored): it lets the index hold "rows with data" so that counting and
    // paging a report read only the index (a page at offset 99,000 skips index entries, not table rows).
    await q.query('ALTER TABLE query_results ADD COLUMN has_data TINYINT(1) AS (data IS NOT NULL) VIRTUAL, ADD KEY idx_query_results_query_fetched (query_id, has_data, last_fetched, id)');
    await q.query('ALTER TABLE distributed_query_campaigns ADD COLUMN wait_until TIMESTAMP(6) NULL, ADD COLUMN log_results TINYINT(1) NOT NULL DEFAULT 0');
    await q.query(`CREATE TABLE campaign_results (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      campaign_id INT UNSIGNED NOT NULL,
      host_id INT UNSIGNED NOT NULL,
      hostname VARCHAR(255) NOT NULL DEFAULT '',
      answered_at TIMESTAMP(6) NOT NULL,
      error TEXT NULL,
      row_count INT UNSIGNED NOT NULL DEFAULT 0,
      rows_json LONGTEXT NOT NULL,
      UNIQUE KEY idx_campaign_results_campaign_host (campaign_id, host_id),
      CONSTRAINT fk_campaign_results_campaign FOREIGN KEY (campaign_id) REFERENCES distributed_query_campaigns (id) ON DELETE CASCADE
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE campaign_results');
    await q.query('ALTER TABLE distributed_query_campaigns DROP COLUMN log_results, DROP COLUMN wait_until');
    await q.query('ALTER TABLE query_results DROP KEY idx_query_results_query_fetched, DROP COLUMN has_data');
  }
}
