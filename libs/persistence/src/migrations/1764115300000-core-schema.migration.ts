import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
const TS = 'TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)';
const TS_UPDATED = 'TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6)';
/** Fleet's "zero time": a date long past, so every refresh is due for a new host. */
const ZERO_TIME = "TIMESTAMP(6) NOT NULL DEFAULT '2000-01-01 00:00:00'";

/**
 * The fleet's core: teams and enroll secrets, hosts and what they report (vitals, seen times, users,
 * software), labels, policies, saved and scheduled queries with their reports, packs, and file carves.
 * Column names follow Fleet's, so that its documentation of fields holds here too. Works on MySQL 8.0 and
 * MariaDB 10.11 (no syntax only one of them has). Names that must be unique per team use a stored column
 * that maps the global scope (NULL team) to 0, because a UNIQUE index treats NULLs as distinct.
 */
export class CoreSchema1764115300000 implements MigrationInterface {
  name = 'CoreSchema1764115300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE teams (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      name VARCHAR(255) NOT NULL,
      description VARCHAR(1023) NOT NULL DEFAULT '',
      config JSON NULL,
      created_at ${TS},
      updated_at ${TS_UPDATED},
      UNIQUE KEY idx_teams_name (name)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE enroll_secrets (
      secret VARCHAR(255) NOT NULL PRIMARY KEY,
      team_id INT UNSIGNED NULL,
      created_at ${TS},
      KEY idx_enroll_secrets_team (team_id),
      CONSTRAINT fk_enroll_secrets_team FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
    ) ${TABLE}`);

    await q.query(`CREATE TABLE hosts (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      osquery_host_id VARCHAR(255) NOT NULL,
      node_key VARCHAR(255) NULL,
      team_id INT UNSIGNED NULL,
      uuid VARCHAR(255) NOT NULL DEFAULT '',
      hostname VARCHAR(255) NOT NULL DEFAULT '',
      computer_name VARCHAR(255) NOT NULL DEFAULT '',
      hardware_serial VARCHAR(255) NOT NULL DEFAULT '',
      hardware_vendor VARCHAR(255) NOT NULL DEFAULT '',
      hardware_model VARCHAR(255) NOT NULL DEFAULT '',
      hardware_version VARCHAR(255) NOT NULL DEFAULT '',
      platform VARCHAR(255) NOT NULL DEFAULT '',
      platform_like VARCHAR(255) NOT NULL DEFAULT '',
      os_version VARCHAR(255) NOT NULL DEFAULT '',
      build VARCHAR(255) NOT NULL DEFAULT '',
      code_name VARCHAR(255) NOT NULL DEFAULT '',
      osquery_version VARCHAR(255) NOT NULL DEFAULT '',
      memory BIGINT NOT NULL DEFAULT 0,
      uptime BIGINT NOT NULL DEFAULT 0,
      cpu_type VARCHAR(255) NOT NULL DEFAULT '',
      cpu_subtype VARCHAR(255) NOT NULL DEFAULT '',
      cpu_brand VARCHAR(255) NOT NULL DEFAULT '',
      cpu_physical_cores INT NOT NULL DEFAULT 0,
      cpu_logical_cores INT NOT NULL DEFAULT 0,
      primary_ip VARCHAR(45) NOT NULL DEFAULT '',
      primary_mac VARCHAR(17) NOT NULL DEFAULT '',
      public_ip VARCHAR(45) NOT NULL DEFAULT '',
      gigs_disk_space_available DOUBLE NOT NULL DEFAULT 0,
      percent_disk_space_available DOUBLE NOT NULL DEFAULT 0,
      gigs_total_disk_space DOUBLE NOT NULL DEFAULT 0,
      distributed_interval INT NOT NULL DEFAULT 0,
      config_tls_refresh INT NOT NULL DEFAULT 0,
      logger_tls_period INT NOT NULL DEFAULT 0,
      refetch_requested TINYINT(1) NOT NULL DEFAULT 0,
      detail_updated_at ${ZERO_TIME},
      label_updated_at ${ZERO_TIME},
      policy_updated_at ${ZERO_TIME},
      last_enrolled_at ${TS},
      created_at ${TS},
      updated_at ${TS_UPDATED},
      UNIQUE KEY idx_hosts_osquery_host_id (osquery_host_id),
      UNIQUE KEY idx_hosts_node_key (node_key),
      KEY idx_hosts_team (team_id),
      KEY idx_hosts_hostname (hostname),
      KEY idx_hosts_uuid (uuid),
      KEY idx_hosts_hardware_serial (hardware_serial),
      KEY idx_hosts_primary_ip (primary_ip),
      KEY idx_hosts_platform (platform),
      KEY idx_hosts_os (os_version),
      CONSTRAINT fk_hosts_team FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE SET NULL
    ) ${TABLE}`);

    await q.query(`CREATE TABLE host_seen_times (
      host_id INT UNSIGNED NOT NULL PRIMARY KEY,
      seen_time TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
      KEY idx_host_seen_times_seen (seen_time)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE host_users (
      host_id INT UNSIGNED NOT NULL,
      uid BIGINT NOT NULL,
      username VARCHAR(255) NOT NULL,
      user_type VARCHAR(255) NOT NULL DEFAULT '',
      groupname VARCHAR(255) NOT NULL DEFAULT '',
      shell VARCHAR(255) NOT NULL DEFAULT '',
      PRIMARY KEY (host_id, uid, username)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE software (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      name VARCHAR(255) NOT NULL,
      version VARCHAR(255) NOT NULL DEFAULT '',
      source VARCHAR(64) NOT NULL,
      vendor VARCHAR(255) NOT NULL DEFAULT '',
      \`release\` VARCHAR(64) NOT NULL DEFAULT '',
      arch VARCHAR(32) NOT NULL DEFAULT '',
      bundle_identifier VARCHAR(255) NOT NULL DEFAULT '',
      checksum BINARY(16) NOT NULL,
      UNIQUE KEY idx_software_checksum (checksum),
      KEY idx_software_name (name)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE host_software (
      host_id INT UNSIGNED NOT NULL,
      software_id BIGINT UNSIGNED NOT NULL,
      last_opened_at TIMESTAMP(6) NULL,
      PRIMARY KEY (host_id, software_id),
      KEY idx_host_software_software (software_id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE labels (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      name VARCHAR(255) NOT NULL,
      description TEXT NOT NULL,
      query MEDIUMTEXT NOT NULL,
      platform VARCHAR(255) NOT NULL DEFAULT '',
      label_type TINYINT UNSIGNED NOT NULL DEFAULT 0 COMMENT '0 regular, 1 builtin',
      label_membership_type TINYINT UNSIGNED NOT NULL DEFAULT 0 COMMENT '0 dynamic, 1 manual',
      author_id INT UNSIGNED NULL,
      created_at ${TS},
      updated_at ${TS_UPDATED},
      UNIQUE KEY idx_labels_name (name)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE label_membership (
      label_id INT UNSIGNED NOT NULL,
      host_id INT UNSIGNED NOT NULL,
      created_at ${TS},
      updated_at ${TS_UPDATED},
      PRIMARY KEY (label_id, host_id),
      KEY idx_label_membership_host (host_id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE policies (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      team_id INT UNSIGNED NULL,
      team_scope INT UNSIGNED GENERATED ALWAYS AS (COALESCE(team_id, 0)) STORED,
      name VARCHAR(255) NOT NULL,
      query MEDIUMTEXT NOT NULL,
      description TEXT NOT NULL,
      resolution TEXT NOT NULL,
      platforms VARCHAR(255) NOT NULL DEFAULT '',
      critical TINYINT(1) NOT NULL DEFAULT 0,
      author_id INT UNSIGNED NULL,
      created_at ${TS},
      updated_at ${TS_UPDATED},
      UNIQUE KEY idx_policies_team_name (team_scope, name),
      CONSTRAINT fk_policies_team FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
    ) ${TABLE}`);

    await q.query(`CREATE TABLE policy_membership (
      policy_id INT UNSIGNED NOT NULL,
      host_id INT UNSIGNED NOT NULL,
      passes TINYINT(1) NULL,
      created_at ${TS},
      updated_at ${TS_UPDATED},
      PRIMARY KEY (policy_id, host_id),
      KEY idx_policy_membership_host (host_id),
      KEY idx_policy_membership_passes (policy_id, passes)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE queries (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      team_id INT UNSIGNED NULL,
      team_scope INT UNSIGNED GENERATED ALWAYS AS (COALESCE(team_id, 0)) STORED,
      name VARCHAR(255) NOT NULL,
      description TEXT NOT NULL,
      query MEDIUMTEXT NOT NULL,
      author_id INT UNSIGNED NULL,
      saved TINYINT(1) NOT NULL DEFAULT 1,
      observer_can_run TINYINT(1) NOT NULL DEFAULT 0,
      schedule_interval INT UNSIGNED NOT NULL DEFAULT 0,
      platform VARCHAR(255) NOT NULL DEFAULT '',
      min_osquery_version VARCHAR(255) NOT NULL DEFAULT '',
      automations_enabled TINYINT(1) NOT NULL DEFAULT 0,
      logging_type VARCHAR(255) NOT NULL DEFAULT 'snapshot',
      discard_data TINYINT(1) NOT NULL DEFAULT 0,
      created_at ${TS},
      updated_at ${TS_UPDATED},
      UNIQUE KEY idx_queries_team_name (team_scope, name),
      KEY idx_queries_scheduled (schedule_interval),
      CONSTRAINT fk_queries_team FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
    ) ${TABLE}`);

    await q.query(`CREATE TABLE query_results (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      query_id INT UNSIGNED NOT NULL,
      host_id INT UNSIGNED NOT NULL,
      last_fetched TIMESTAMP(6) NOT NULL,
      data JSON NULL,
      KEY idx_query_results_query_host (query_id, host_id),
      CONSTRAINT fk_query_results_query FOREIGN KEY (query_id) REFERENCES queries (id) ON DELETE CASCADE
    ) ${TABLE}`);

    await q.query(`CREATE TABLE packs (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      name VARCHAR(255) NOT NULL,
      description TEXT NOT NULL,
      platform VARCHAR(255) NOT NULL DEFAULT '',
      disabled TINYINT(1) NOT NULL DEFAULT 0,
      created_at ${TS},
      updated_at ${TS_UPDATED},
      UNIQUE KEY idx_packs_name (name)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE pack_targets (
      pack_id INT UNSIGNED NOT NULL,
      target_type TINYINT UNSIGNED NOT NULL COMMENT '0 label, 1 host, 2 team',
      target_id INT UNSIGNED NOT NULL,
      PRIMARY KEY (pack_id, target_type, target_id),
      CONSTRAINT fk_pack_targets_pack FOREIGN KEY (pack_id) REFERENCES packs (id) ON DELETE CASCADE
    ) ${TABLE}`);

    await q.query(`CREATE TABLE scheduled_queries (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      pack_id INT UNSIGNED NOT NULL,
      query_id INT UNSIGNED NOT NULL,
      name VARCHAR(255) NOT NULL,
      description VARCHAR(1023) NOT NULL DEFAULT '',
      schedule_interval INT UNSIGNED NOT NULL,
      snapshot TINYINT(1) NULL,
      removed TINYINT(1) NULL,
      platform VARCHAR(255) NOT NULL DEFAULT '',
      version VARCHAR(255) NOT NULL DEFAULT '',
      shard INT UNSIGNED NULL,
      denylist TINYINT(1) NULL,
      created_at ${TS},
      updated_at ${TS_UPDATED},
      UNIQUE KEY idx_scheduled_queries_pack_name (pack_id, name),
      CONSTRAINT fk_scheduled_queries_pack FOREIGN KEY (pack_id) REFERENCES packs (id) ON DELETE CASCADE,
      CONSTRAINT fk_scheduled_queries_query FOREIGN KEY (query_id) REFERENCES queries (id) ON DELETE CASCADE
    ) ${TABLE}`);

    await q.query(`CREATE TABLE carve_metadata (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      host_id INT UNSIGNED NOT NULL,
      name VARCHAR(255) NOT NULL,
      block_count INT UNSIGNED NOT NULL,
      block_size INT UNSIGNED NOT NULL,
      carve_size BIGINT UNSIGNED NOT NULL,
      carve_id VARCHAR(64) NOT NULL,
      request_id VARCHAR(64) NOT NULL,
      session_id VARCHAR(64) NOT NULL,
      max_block INT NOT NULL DEFAULT -1,
      expired TINYINT(1) NOT NULL DEFAULT 0,
      error TEXT NULL,
      created_at ${TS},
      UNIQUE KEY idx_carve_metadata_session (session_id),
      UNIQUE KEY idx_carve_metadata_name (name),
      KEY idx_carve_metadata_created (created_at)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE carve_blocks (
      metadata_id INT UNSIGNED NOT NULL,
      block_id INT UNSIGNED NOT NULL,
      data LONGBLOB NOT NULL,
      PRIMARY KEY (metadata_id, block_id),
      CONSTRAINT fk_carve_blocks_metadata FOREIGN KEY (metadata_id) REFERENCES carve_metadata (id) ON DELETE CASCADE
    ) ${TABLE}`);

    await this.seedBuiltinLabels(q);
  }

  /** Fleet's built-in labels, present in every installation (label_type 1). */
  private async seedBuiltinLabels(q: QueryRunner): Promise<void> {
    const labels: Array<[string, string, string, string]> = [
      ['All Hosts', 'All hosts which have enrolled in Fleet', 'SELECT 1;', ''],
      ['macOS', 'All macOS hosts', "SELECT 1 FROM os_version WHERE platform = 'darwin';", 'darwin'],
      ['Ubuntu Linux', 'All Ubuntu hosts', "SELECT 1 FROM os_version WHERE platform = 'ubuntu';", 'ubuntu'],
      ['CentOS Linux', 'All CentOS hosts', "SELECT 1 FROM os_version WHERE platform = 'centos' OR name LIKE '%centos%';", 'centos'],
      ['MS Windows', 'All Windows hosts', "SELECT 1 FROM os_version WHERE platform = 'windows';", 'windows'],
      ['Red Hat Linux', 'All Red Hat Enterprise Linux hosts', "SELECT 1 FROM os_version WHERE name LIKE '%red hat%';", 'rhel'],
      ['All Linux', 'All Linux distributions', "SELECT 1 FROM osquery_info WHERE build_platform NOT IN ('darwin', 'windows', 'chrome');", ''],
      ['chrome', 'All Chrome hosts', "SELECT 1 FROM os_version WHERE platform = 'chrome';", 'chrome'],
    ];
    for (const [name, description, query, platform] of labels) {
      await q.query('INSERT INTO labels (name, description, query, platform, label_type, label_membership_type) VALUES (?, ?, ?, ?, 1, 0)', [name, description, query, platform]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['carve_blocks', 'carve_metadata', 'scheduled_queries', 'pack_targets', 'packs', 'query_results', 'queries',
      'policy_membership', 'policies', 'label_membership', 'labels', 'host_software', 'software', 'host_users',
      'host_seen_times', 'hosts', 'enroll_secrets', 'teams']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
