import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fleet's human-device mapping (`host_emails`): the emails of the people who use a host, each with the source
 * it came from. This server sets only the `custom` source (`PUT /hosts/:id/device_mapping`, one email per
 * host); the other sources Fleet knows (identity provider, Chrome profiles) would add rows of their own. Rows
 * go with their host.
 */
export class HostDeviceMapping1766100000000 implements MigrationInterface {
  name = 'HostDeviceMapping1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE host_emails (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      host_id INT UNSIGNED NOT NULL,
      email VARCHAR(255) NOT NULL,
      source VARCHAR(255) NOT NULL,
      created_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
      updated_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
      KEY idx_host_emails_host_source (host_id, source),
      KEY idx_host_emails_email (email),
      CONSTRAINT fk_host_emails_host FOREIGN KEY (host_id) REFERENCES hosts (id) ON DELETE CASCADE
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE host_emails');
  }
}
