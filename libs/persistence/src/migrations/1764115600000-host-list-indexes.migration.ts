import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the admin host list at 100,000 hosts (bench/admin-api). Plain ALTER TABLE … ADD INDEX, valid on
 * MariaDB 10.11 and MySQL 8.0 alike.
 * - policy_membership (host_id, passes) replaces (host_id): the host list's failing-policy count per host
 *   (`WHERE host_id = ? AND passes = 0`) is then answered from the index alone; every lookup by host_id
 *   still finds a leftmost prefix.
 * - hosts (team_id, hostname): a team's hosts in hostname order (team users, `team_id=N`) are read in index
 *   order and stop at the page's LIMIT instead of sorting the whole team.
 * The list's global hostname order already has idx_hosts_hostname; the query rewrite uses it (host.repository.ts).
 */
export class HostListIndexes1764115600000 implements MigrationInterface {
  name = 'HostListIndexes1764115600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE policy_membership ADD INDEX idx_policy_membership_host_passes (host_id, passes), DROP INDEX idx_policy_membership_host');
    await q.query('ALTER TABLE hosts ADD INDEX idx_hosts_team_hostname (team_id, hostname)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE hosts DROP INDEX idx_hosts_team_hostname');
    await q.query('ALTER TABLE policy_membership ADD INDEX idx_policy_membership_host (host_id), DROP INDEX idx_policy_membership_host_passes');
  }
}
