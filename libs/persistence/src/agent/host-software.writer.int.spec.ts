import type { HostWriteMessage } from '@fleet/contracts';
import type { SoftwareItem } from '@fleet/domain';
import { createTestDatabase } from '@fleet/testing';
import type { TestDatabase } from '@fleet/testing';
import { HostRepository } from '../admin/host.repository';
import { VulnerabilityCountsRepository } from '../software/vulnerability-counts.repository';
import { MysqlAgentDataRepository } from './agent-data.repository';

type Row = Record<string, unknown>;

/** Every count row the writer keeps, as "kind id team=n" lines (zero rows left out). */
async function storedCounts(db: TestDatabase): Promise<string[]> {
  const ds = db.dataSource;
  const sw = await ds.query<Row[]>('SELECT software_id AS id, team_id, hosts_count FROM software_host_counts WHERE hosts_count <> 0');
  const ti = await ds.query<Row[]>('SELECT title_id AS id, team_id, hosts_count FROM software_title_host_counts WHERE hosts_count <> 0');
  return [...sw.map((r) => `s ${String(r['id'])} ${String(r['team_id'])}=${String(r['hosts_count'])}`), ...ti.map((r) => `t ${String(r['id'])} ${String(r['team_id'])}=${String(r['hosts_count'])}`)].sort();
}

/** The same counts computed from scratch from host_software. */
async function recounted(db: TestDatabase): Promise<string[]> {
  const ds = db.dataSource;
  const q = async (sql: string, kind: string): Promise<string[]> => (await ds.query<Row[]>(sql)).map((r) => `${kind} ${String(r['id'])} ${String(r['team'])}=${String(r['n'])}`);
  return [
    ...await q('SELECT hs.software_id AS id, -1 AS team, COUNT(*) AS n FROM host_software hs JOIN hosts h ON h.id = hs.host_id GROUP BY hs.software_id', 's'),
    ...await q('SELECT hs.software_id AS id, COALESCE(h.team_id, 0) AS team, COUNT(*) AS n FROM host_software hs JOIN hosts h ON h.id = hs.host_id GROUP BY 1, 2', 's'),
    ...await q('SELECT s.title_id AS id, -1 AS team, COUNT(DISTINCT hs.host_id) AS n FROM host_software hs JOIN hosts h ON h.id = hs.host_id JOIN software s ON s.id = hs.software_id GROUP BY 1', 't'),
    ...await q(`SELECT s.title_id AS id, COALESCE(h.team_id, 0) AS team, COUNT(DISTINCT hs.host_id) AS n FROM host_software hs JOIN hosts h ON h.id = hs.host_id
      JOIN software s ON s.id = hs.software_id GROUP BY 1, 2`, 't'),
  ].sort();
}

const write = (hostId: number, software: SoftwareItem[], at = 1_700_000_000_000): HostWriteMessage => ({ hostId, at, software });
const app = (name: string, version: string, extra: Partial<SoftwareItem> = {}): SoftwareItem => ({ name, version, source: 'apps', bundle_identifier: `com.example.${name}`, ...extra });

describe('software writer (MariaDB): counts kept current, only differences written, no deadlock under 500 writers', () => {
  let db: TestDatabase;
  beforeAll(async () => { db = await createTestDatabase('software_writer'); }, 120_000);
  afterAll(async () => { await db.drop(); });
  // (TestDatabase.truncate restores the seeded app config row, which MariaDB's JSON check refuses here.)
  beforeEach(async () => {
    for (const t of ['host_software', 'host_software_installed_paths', 'host_software_state', 'software', 'software_titles', 'software_host_counts',
      'software_title_host_counts', 'software_oval_platforms', 'hosts', 'teams']) await db.dataSource.query(`DELETE FROM ${t}`);
  });

  async function hosts(n: number, teamOf: (i: number) => number | null, platform = 'darwin', osVersion = 'macOS 14.1'): Promise<number[]> {
    const ids: number[] = [];
    for (const t of new Set(Array.from({ length: n }, (_, i) => teamOf(i)).filter((t): t is number => t !== null))) {
      await db.dataSource.query('INSERT IGNORE INTO teams (id, name) VALUES (?, ?)', [t, `team ${t}`]);
    }
    const rows = Array.from({ length: n }, (_, i) => [`h-${i}-${Math.random()}`, teamOf(i), platform, osVersion]);
    for (let i = 0; i < rows.length; i += 500) {
      const res = await db.dataSource.query<{ insertId: number }>('INSERT INTO hosts (osquery_host_id, team_id, platform, os_version) VALUES ?', [rows.slice(i, i + 500)]);
      for (let k = 0; k < Math.min(500, rows.length - i); k++) ids.push(res.insertId + k);
    }
    return ids;
  }

  it('adds, removes and moves host software with the version and title counts matching a recount at every step', async () => {
    const repo = new MysqlAgentDataRepository(db.dataSource);
    const [a, b, c] = await hosts(3, (i) => (i === 0 ? 1 : i === 1 ? 2 : null));
    await repo.applyHostWrites([
      write(a, [app('Chrome', '1.0', { installed_path: '/Applications/Chrome.app', last_opened_at: 1_700_000_000 }), app('Slack', '4.0')]),
      write(b, [app('Chrome', '1.0'), app('Zoom', '5.0')]),
      write(c, [app('Chrome', '2.0'), { name: 'curl', version: '8.0', source: 'homebrew_packages' }]),
    ]);
    expect(await storedCounts(db)).toEqual(await recounted(db));
    const [chrome] = await db.dataSource.query<Row[]>("SELECT t.id, c.hosts_count FROM software_titles t JOIN software_title_host_counts c ON c.title_id = t.id AND c.team_id = -1 WHERE t.name = 'Chrome'");
    expect(Number(chrome?.['hosts_count'])).toBe(3);
    // Upgrade on a, removal on b, a new host d, and b moves team (drift picked up on its next report).
    const [d] = await hosts(1, () => 1);
    await db.dataSource.query('UPDATE hosts SET team_id = 1 WHERE id = ?', [b]);
    await repo.applyHostWrites([
      write(a, [app('Chrome', '2.0', { installed_path: '/Applications/Chrome.app' }), app('Slack', '4.0')]),
      write(b, [app('Zoom', '5.0')]),
      write(d, [app('Chrome', '1.0')]),
    ]);
    expect(await storedCounts(db)).toEqual(await recounted(db));
    expect(await db.dataSource.query('SELECT host_id, installed_path FROM host_software_installed_paths')).toEqual([{ host_id: a, installed_path: '/Applications/Chrome.app' }]);
    // A transfer without a report is reconciled by the schedule; a deleted host leaves the counts.
    await db.dataSource.query('UPDATE hosts SET team_id = 2 WHERE id = ?', [d]);
    expect(await new VulnerabilityCountsRepository(db.dataSource).reconcileTeams()).toBe(1);
    expect(await storedCounts(db)).toEqual(await recounted(db));
    await new HostRepository(db.dataSource).deleteMany([c]);
    expect(await storedCounts(db)).toEqual(await recounted(db));
    expect(await db.dataSource.query('SELECT COUNT(*) AS n FROM host_software WHERE host_id = ?', [c])).toEqual([{ n: 0 }]);
    expect(repo.deadlockRetries).toBe(0);
  });

  it('writes nothing for a host whose set is unchanged, and rewrites last-opened only when it moves to another hour', async () => {
    const repo = new MysqlAgentDataRepository(db.dataSource);
    const [h] = await hosts(1, () => null);
    const set = (opened: number): SoftwareItem[] => [app('Chrome', '1.0', { last_opened_at: opened }), app('Slack', '4.0')];
    await repo.applyHostWrites([write(h, set(1_700_000_000))]);
    const stamp = async (): Promise<unknown> => (await db.dataSource.query<Row[]>('SELECT updated_at FROM host_software_state WHERE host_id = ?', [h]))[0]?.['updated_at'];
    const first = await stamp();
    await repo.applyHostWrites([write(h, set(1_700_000_100))]); // same hour: same checksum, nothing written
    expect(await stamp()).toEqual(first);
    await repo.applyHostWrites([write(h, set(1_700_007_300))]);
    const [row] = await db.dataSource.query<Row[]>('SELECT UNIX_TIMESTAMP(last_opened_at) AS t FROM host_software hs JOIN software s ON s.id = hs.software_id WHERE s.name = ?', ['Chrome']);
    expect(Number(row?.['t'])).toBe(1_700_007_300);
  });

  it('drops the software of a host deleted before its batch was written', async () => {
    const repo = new MysqlAgentDataRepository(db.dataSource);
    const [h] = await hosts(1, () => null);
    await db.dataSource.query('DELETE FROM hosts WHERE id = ?', [h]);
    await repo.applyHostWrites([write(h, [app('Ghost', '1.0')])]);
    expect(await db.dataSource.query('SELECT COUNT(*) AS n FROM host_software')).toEqual([{ n: 0 }]);
    expect(await storedCounts(db)).toEqual([]);
  });

  it('500 hosts writing software at once, through four writers with their own caches: no deadlock, no error, no lost row', async () => {
    const writers = Array.from({ length: 4 }, () => new MysqlAgentDataRepository(db.dataSource));
    const ids = await hosts(500, (i) => (i % 5 === 0 ? null : (i % 3) + 1), 'ubuntu', 'Ubuntu 22.04.4 LTS');
    // 60 items per host from a catalogue of 200 packages with 3 versions each: heavy overlap, and every
    // version is new to every writer, so all of them create software, titles and count rows concurrently.
    const inventory = (i: number, round: number): SoftwareItem[] => Array.from({ length: 60 }, (_, k) => {
      const pkg = (i * 7 + k * 13) % 200;
      return { name: `pkg-${pkg}`, version: `1.${(i + k + round) % 3}-0ubuntu1`, source: 'deb_packages', arch: 'amd64' };
    });
    for (const round of [0, 1]) {
      const results = await Promise.allSettled(ids.map((id, i) => writers[i % 4].applyHostWrites([write(id, inventory(i, round))])));
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      const [n] = await db.dataSource.query<Row[]>('SELECT COUNT(*) AS n FROM host_software');
      const expected = ids.reduce((sum, _, i) => sum + new Set(inventory(i, round).map((s) => `${s.name}/${s.version}`)).size, 0);
      expect(Number(n?.['n'])).toBe(expected);
      expect(await storedCounts(db)).toEqual(await recounted(db));
    }
    expect(writers.reduce((s, w) => s + w.deadlockRetries, 0)).toBe(0);
    const [pairs] = await db.dataSource.query<Row[]>("SELECT COUNT(*) AS n FROM software_oval_platforms WHERE platform = 'ubuntu_22.04'");
    const [versions] = await db.dataSource.query<Row[]>('SELECT COUNT(*) AS n FROM software');
    expect(Number(pairs?.['n'])).toBe(Number(versions?.['n']));
  }, 180_000);
});
