import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
const TS = 'TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)';
const TS_UPDATED = 'TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6)';

/** The title key of a software row, as softwareTitleOf (@fleet/domain) builds it before hashing. */
const TITLE_KEY = (s: string): string => `UNHEX(MD5(CONCAT_WS(CHAR(0), ${s}.source, ${s}.browser,
  IF(${s}.bundle_identifier <> '', CONCAT_WS(CHAR(0), 'b', ${s}.bundle_identifier),
    IF(${s}.extension_id <> '', CONCAT_WS(CHAR(0), 'e', ${s}.extension_id), CONCAT_WS(CHAR(0), 'n', ${s}.name))))))`;

/**
 * Software titles and their versions' host counts, and vulnerability processing (Fleet's software_titles,
 * software_host_counts, software_cve, operating_systems, operating_system_vulnerabilities, cve_meta).
 *
 * Counts are kept by the software writer as hosts report (per version and per title; `team_id` -1 counts
 * every host, 0 hosts with no team, n team n), so lists ordered by host count never scan host_software.
 * host_software_state remembers, per host, the team its software is counted under and a checksum of the
 * set it reported, so a host that reports the same set again costs nothing.
 *
 * Matching results are swapped per software version (or CVE) in one transaction each, so a reader sees the
 * old or the new results of a version, never none. vulnerability_feed_* record what each feed file and each
 * entry (CVE, OVAL definition) looked like when last processed, which is how a run tells what changed.
 */
export class SoftwareVulnerabilities1767000000000 implements MigrationInterface {
  name = 'SoftwareVulnerabilities1767000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE software_titles (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      name VARCHAR(255) NOT NULL,
      source VARCHAR(64) NOT NULL,
      browser VARCHAR(32) NOT NULL DEFAULT '',
      bundle_identifier VARCHAR(255) NOT NULL DEFAULT '',
      extension_id VARCHAR(255) NOT NULL DEFAULT '',
      title_key BINARY(16) NOT NULL,
      created_at ${TS},
      UNIQUE KEY idx_software_titles_key (title_key),
      KEY idx_software_titles_name (name)
    ) ${TABLE}`);
    await q.query(`ALTER TABLE software
      ADD COLUMN title_id BIGINT UNSIGNED NULL,
      ADD COLUMN browser VARCHAR(32) NOT NULL DEFAULT '',
      ADD COLUMN extension_id VARCHAR(255) NOT NULL DEFAULT '',
      ADD COLUMN created_at ${TS},
      ADD KEY idx_software_title (title_id)`);
    await q.query(`INSERT IGNORE INTO software_titles (name, source, browser, bundle_identifier, extension_id, title_key)
      SELECT s.name, s.source, s.browser, s.bundle_identifier, s.extension_id, ${TITLE_KEY('s')} FROM software s ORDER BY s.id`);
    await q.query(`UPDATE software s JOIN software_titles t ON t.title_key = ${TITLE_KEY('s')} SET s.title_id = t.id`);

    await q.query(`CREATE TABLE host_software_installed_paths (
      host_id INT UNSIGNED NOT NULL,
      software_id BIGINT UNSIGNED NOT NULL,
      installed_path VARCHAR(1024) NOT NULL,
      PRIMARY KEY (host_id, software_id)
    ) ${TABLE}`);
    await q.query(`CREATE TABLE host_software_state (
      host_id INT UNSIGNED NOT NULL PRIMARY KEY,
      team_id INT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'team its software is counted under; 0 = no team',
      set_checksum BINARY(16) NULL COMMENT 'of the last reported set; NULL = compare row by row',
      updated_at ${TS_UPDATED}
    ) ${TABLE}`);
    await q.query(`INSERT INTO host_software_state (host_id, team_id)
      SELECT h.id, COALESCE(h.team_id, 0) FROM hosts h WHERE EXISTS (SELECT 1 FROM host_software hs WHERE hs.host_id = h.id)`);

    for (const [table, id] of [['software_host_counts', 'software_id'], ['software_title_host_counts', 'title_id'], ['operating_system_host_counts', 'os_id']]) {
      await q.query(`CREATE TABLE ${table} (
        ${id} BIGINT UNSIGNED NOT NULL,
        team_id INT NOT NULL COMMENT '-1 = every host, 0 = hosts with no team',
        hosts_count INT NOT NULL DEFAULT 0,
        updated_at ${TS_UPDATED},
        PRIMARY KEY (${id}, team_id),
        KEY idx_${table}_team (team_id, hosts_count)
      ) ${TABLE}`);
    }
    await q.query(`INSERT INTO software_host_counts (software_id, team_id, hosts_count)
      SELECT hs.software_id, -1, COUNT(*) FROM host_software hs JOIN hosts h ON h.id = hs.host_id GROUP BY hs.software_id`);
    await q.query(`INSERT INTO software_host_counts (software_id, team_id, hosts_count)
      SELECT hs.software_id, COALESCE(h.team_id, 0), COUNT(*) FROM host_software hs JOIN hosts h ON h.id = hs.host_id GROUP BY hs.software_id, COALESCE(h.team_id, 0)`);
    await q.query(`INSERT INTO software_title_host_counts (title_id, team_id, hosts_count)
      SELECT s.title_id, -1, COUNT(DISTINCT hs.host_id) FROM host_software hs JOIN hosts h ON h.id = hs.host_id JOIN software s ON s.id = hs.software_id
      WHERE s.title_id IS NOT NULL GROUP BY s.title_id`);
    await q.query(`INSERT INTO software_title_host_counts (title_id, team_id, hosts_count)
      SELECT s.title_id, COALESCE(h.team_id, 0), COUNT(DISTINCT hs.host_id) FROM host_software hs JOIN hosts h ON h.id = hs.host_id JOIN software s ON s.id = hs.software_id
      WHERE s.title_id IS NOT NULL GROUP BY s.title_id, COALESCE(h.team_id, 0)`);

    await q.query(`CREATE TABLE software_oval_platforms (
      software_id BIGINT UNSIGNED NOT NULL,
      platform VARCHAR(32) NOT NULL COMMENT 'distribution release whose OVAL definitions apply, e.g. ubuntu_22.04',
      PRIMARY KEY (software_id, platform)
    ) ${TABLE}`);
    await q.query(`CREATE TABLE software_cpe (
      software_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
      cpe VARCHAR(255) NOT NULL,
      product_key VARCHAR(255) NOT NULL COMMENT 'vendor:product, unquoted: what changed NVD entries are looked up by',
      KEY idx_software_cpe_product (product_key)
    ) ${TABLE}`);
    await q.query(`CREATE TABLE software_cve (
      software_id BIGINT UNSIGNED NOT NULL,
      cve VARCHAR(32) NOT NULL,
      source VARCHAR(16) NOT NULL COMMENT 'nvd, ubuntu_oval, rhel_oval',
      resolved_in_version VARCHAR(255) NULL,
      created_at ${TS},
      PRIMARY KEY (software_id, cve),
      KEY idx_software_cve_cve (cve)
    ) ${TABLE}`);
    for (const [table, id] of [['software_vuln_summary', 'software_id'], ['software_title_vuln_summary', 'title_id']]) {
      await q.query(`CREATE TABLE ${table} (
        ${id} BIGINT UNSIGNED NOT NULL PRIMARY KEY,
        cve_count INT UNSIGNED NOT NULL,
        min_cvss DOUBLE NULL,
        max_cvss DOUBLE NULL,
        max_epss DOUBLE NULL,
        any_kev TINYINT(1) NOT NULL DEFAULT 0,
        latest_published TIMESTAMP(6) NULL
      ) ${TABLE}`);
    }
    await q.query(`CREATE TABLE software_vuln_scans (
      software_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
      scanned_at ${TS}
    ) ${TABLE}`);

    await q.query(`CREATE TABLE operating_systems (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      name VARCHAR(255) NOT NULL,
      name_only VARCHAR(255) NOT NULL DEFAULT '',
      version VARCHAR(255) NOT NULL DEFAULT '',
      platform VARCHAR(64) NOT NULL DEFAULT '',
      kernel_version VARCHAR(64) NOT NULL DEFAULT '',
      display_version VARCHAR(32) NOT NULL DEFAULT '',
      arch VARCHAR(32) NOT NULL DEFAULT '',
      generated_cpes TEXT NULL,
      os_key BINARY(16) NOT NULL,
      scanned_at TIMESTAMP(6) NULL,
      created_at ${TS},
      UNIQUE KEY idx_operating_systems_key (os_key),
      KEY idx_operating_systems_name (name)
    ) ${TABLE}`);
    await q.query(`CREATE TABLE operating_system_cve (
      os_id INT UNSIGNED NOT NULL,
      cve VARCHAR(32) NOT NULL,
      source VARCHAR(16) NOT NULL COMMENT 'nvd, msrc',
      resolved_in_version VARCHAR(255) NULL,
      created_at ${TS},
      PRIMARY KEY (os_id, cve),
      KEY idx_operating_system_cve_cve (cve)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE cve_meta (
      cve VARCHAR(32) NOT NULL PRIMARY KEY,
      cvss_score DOUBLE NULL,
      epss_probability DOUBLE NULL,
      cisa_known_exploit TINYINT(1) NOT NULL DEFAULT 0,
      published TIMESTAMP(6) NULL,
      description TEXT NULL,
      updated_at ${TS_UPDATED}
    ) ${TABLE}`);
    await q.query(`CREATE TABLE vulnerability_host_counts (
      cve VARCHAR(32) NOT NULL,
      team_id INT NOT NULL COMMENT '-1 = every host, 0 = hosts with no team',
      hosts_count INT NOT NULL DEFAULT 0,
      created_at ${TS},
      updated_at ${TS_UPDATED},
      PRIMARY KEY (cve, team_id),
      KEY idx_vulnerability_host_counts_team (team_id, hosts_count),
      KEY idx_vulnerability_host_counts_created (team_id, created_at)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE vulnerability_feed_files (
      feed VARCHAR(64) NOT NULL,
      file VARCHAR(255) NOT NULL,
      digest BINARY(20) NOT NULL,
      processed_at ${TS},
      PRIMARY KEY (feed, file)
    ) ${TABLE}`);
    await q.query(`CREATE TABLE vulnerability_feed_entries (
      feed VARCHAR(64) NOT NULL COMMENT 'nvd, oval:<release>, msrc',
      entry VARCHAR(128) NOT NULL,
      file VARCHAR(255) NOT NULL,
      digest BINARY(16) NOT NULL,
      PRIMARY KEY (feed, entry),
      KEY idx_vulnerability_feed_entries_file (feed, file)
    ) ${TABLE}`);
    await q.query(`CREATE TABLE vulnerability_jobs (
      run_id INT UNSIGNED NOT NULL,
      chunk INT UNSIGNED NOT NULL,
      kind VARCHAR(16) NOT NULL,
      items INT UNSIGNED NOT NULL,
      status VARCHAR(16) NOT NULL DEFAULT 'queued' COMMENT 'queued, done, failed',
      matched INT UNSIGNED NOT NULL DEFAULT 0,
      error TEXT NULL,
      created_at ${TS},
      finished_at TIMESTAMP(6) NULL,
      PRIMARY KEY (run_id, chunk)
    ) ${TABLE}`);
    await q.query(`CREATE TABLE vulnerability_touched (
      run_id INT UNSIGNED NOT NULL,
      cve VARCHAR(32) NOT NULL,
      PRIMARY KEY (run_id, cve)
    ) ${TABLE}`);
    await q.query(`CREATE TABLE vulnerability_webhook_pending (
      cve VARCHAR(32) NOT NULL,
      target_kind TINYINT UNSIGNED NOT NULL COMMENT '0 software, 1 operating system',
      target_id BIGINT UNSIGNED NOT NULL,
      detected_at ${TS},
      PRIMARY KEY (cve, target_kind, target_id)
    ) ${TABLE}`);
    await q.query(`CREATE TABLE vulnerability_state (
      name VARCHAR(64) NOT NULL PRIMARY KEY,
      value TEXT NOT NULL,
      updated_at ${TS_UPDATED}
    ) ${TABLE}`);
    await q.query('ALTER TABLE cron_stats ADD COLUMN stats JSON NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE cron_stats DROP COLUMN stats');
    for (const t of ['vulnerability_state', 'vulnerability_webhook_pending', 'vulnerability_touched', 'vulnerability_jobs', 'vulnerability_feed_entries',
      'vulnerability_feed_files', 'vulnerability_host_counts', 'cve_meta', 'operating_system_cve', 'operating_systems', 'software_vuln_scans',
      'software_title_vuln_summary', 'software_vuln_summary', 'software_cve',
      'software_cpe', 'software_oval_platforms', 'operating_system_host_counts', 'software_title_host_counts', 'software_host_counts', 'host_software_state',
      'host_software_installed_paths']) {
      await q.query(`DROP TABLE ${t}`);
    }
    await q.query('ALTER TABLE software DROP KEY idx_software_title, DROP COLUMN created_at, DROP COLUMN extension_id, DROP COLUMN browser, DROP COLUMN title_id');
    await q.query('DROP TABLE software_titles');
  }
}
