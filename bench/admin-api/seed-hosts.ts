/**
 * The admin-API benchmark's dataset, shared by the benchmarks that need a large fleet (bench/admin-api,
 * bench/ui): 100,000 hosts in six team groups with seen times (70% online, 20% offline, 10% missing), 30
 * software versions each from a pool of 2,000, built-in label membership and 5 policies with results, all by
 * batched multi-row INSERTs.
 */
import type { DataSource } from '@fleet/persistence';

export const HOSTS = 100_000;
export const SOFTWARE_POOL = 2_000;
export const SOFTWARE_PER_HOST = 30;
export const POLICIES = 5;
const BATCH = 5_000;
const PLATFORMS = [['ubuntu', 'Ubuntu 22.04.3 LTS'], ['darwin', 'macOS 14.2'], ['windows', 'Windows 11 Pro'], ['centos', 'CentOS Linux 7']] as const;

async function insertBatched(ds: DataSource, sql: string, count: number, row: (i: number) => unknown[]): Promise<void> {
  for (let start = 0; start < count; start += BATCH) {
    const rows: unknown[][] = [];
    for (let i = start; i < Math.min(count, start + BATCH); i++) rows.push(row(i));
    await ds.query(sql, [rows]);
  }
}

/** Seeds the dataset into an empty, migrated database; answers the id of the label the host-list figure filters by. */
export async function seed(ds: DataSource): Promise<{ labelId: number }> {
  const now = Date.now();
  for (let t = 1; t <= 5; t++) await ds.query('INSERT INTO teams (id, name) VALUES (?, ?)', [t, `Team ${t}`]);
  await insertBatched(ds, `INSERT INTO hosts (id, osquery_host_id, node_key, team_id, uuid, hostname, hardware_serial, platform, os_version, osquery_version,
    primary_ip, distributed_interval, config_tls_refresh, created_at) VALUES ?`, HOSTS, (i) => {
    const [platform, osVersion] = PLATFORMS[i % PLATFORMS.length] ?? PLATFORMS[0];
    return [i + 1, `ohid-${i}`, `nk-${i}`, i % 6 === 0 ? null : (i % 5) + 1, `uuid-${i}`, `host-${String(i).padStart(6, '0')}.example.com`, `SER${i}`,
      platform, osVersion, '5.11.0', `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, 10, 10, new Date(now - 40 * 86400_000)];
  });
  // 70% online (seen seconds ago), 20% offline, 10% missing for 30+ days.
  await insertBatched(ds, 'INSERT INTO host_seen_times (host_id, seen_time) VALUES ?', HOSTS, (i) => {
    const ago = i % 10 < 7 ? 5_000 : i % 10 < 9 ? 3 * 3600_000 : 35 * 86400_000;
    return [i + 1, new Date(now - ago)];
  });
  await insertBatched(ds, "INSERT INTO software (id, name, version, source, checksum) VALUES ?", SOFTWARE_POOL,
    (i) => [i + 1, `package-${i % 700}`, `1.${i}`, i % 2 ? 'deb_packages' : 'apps', Buffer.from(String(i).padStart(16, '0'))]);
  await insertBatched(ds, 'INSERT INTO host_software (host_id, software_id) VALUES ?', HOSTS * SOFTWARE_PER_HOST,
    (k) => [Math.floor(k / SOFTWARE_PER_HOST) + 1, ((Math.floor(k / SOFTWARE_PER_HOST) * 7 + (k % SOFTWARE_PER_HOST) * 61) % SOFTWARE_POOL) + 1]);
  const labels = await ds.query<Array<{ id: number; name: string }>>('SELECT id, name FROM labels WHERE label_type = 1');
  const allHosts = labels.find((l) => l.name === 'All Hosts')?.id ?? 1;
  const ubuntu = labels.find((l) => l.name.includes('Ubuntu'))?.id ?? allHosts;
  await insertBatched(ds, 'INSERT INTO label_membership (label_id, host_id) VALUES ?', HOSTS, (i) => [allHosts, i + 1]);
  await insertBatched(ds, 'INSERT INTO label_membership (label_id, host_id) VALUES ?', HOSTS / PLATFORMS.length, (i) => [ubuntu, i * PLATFORMS.length + 1]);
  for (let p = 1; p <= POLICIES; p++) await ds.query("INSERT INTO policies (id, name, query, description, resolution) VALUES (?, ?, 'SELECT 1', '', '')", [p, `Policy ${p}`]);
  await insertBatched(ds, 'INSERT INTO policy_membership (policy_id, host_id, passes) VALUES ?', HOSTS * POLICIES,
    (k) => [(k % POLICIES) + 1, Math.floor(k / POLICIES) + 1, k % 7 === 0 ? 0 : 1]);
  await ds.query('ANALYZE TABLE hosts, host_seen_times, label_membership, policy_membership, host_software');
  return { labelId: ubuntu };
}
