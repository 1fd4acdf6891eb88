import { activityRoutes, hostRoutes, hostStatsRoutes as r } from '@fleet/contracts';
import type { AnyAdminRoute } from '@fleet/contracts';
import { HostStatsRepository, VulnerabilityCountsRepository } from '@fleet/persistence';
import { startAdminTestKit } from '../testing/admin-test-kit';
import type { AdminTestKit, TypedResponse } from '../testing/admin-test-kit';

const HOUR = 3600_000;

/** The dashboard's API additions: online history, OS versions, low-disk filter, a host's activities and query reports. */
describe('dashboard and host page API (MariaDB + Redis)', () => {
  let kit: AdminTestKit;
  let admin: { id: number; token: string };
  beforeAll(async () => { kit = await startAdminTestKit('host_stats'); });
  afterAll(async () => { await kit.close(); });
  beforeEach(async () => { await kit.reset(); admin = await kit.user({}); });

  const ok = <R extends AnyAdminRoute>(res: TypedResponse<R>) => {
    if (!res.ok) throw new Error(`${res.status} ${res.text}`);
    return res.body;
  };
  const sample = (at: Date, teamId: number | null, online: number, total: number) =>
    kit.db.dataSource.query('INSERT INTO host_status_history (recorded_at, team_id, online_count, total_count) VALUES (?, ?, ?, ?)', [at, teamId, online, total]);
  /** Whole seconds, `ago` before now. */
  const ago = (ms: number) => new Date(Math.floor((Date.now() - ms) / 1000) * 1000);

  it('records each team\'s online and total hosts, and reads them back summed over the caller\'s teams', async () => {
    const team = await kit.team('Servers');
    await kit.host({ team_id: team }, 5);
    await kit.host({ team_id: team }, 5);
    await kit.host({ team_id: team }, 3 * 3600);
    await kit.host({}, 5);
    const now = new Date();
    const stats = new HostStatsRepository(kit.db.dataSource);
    expect(await stats.recordStatus(now)).toBe(2);
    const all = ok(await kit.call(r.onlineHistory, { query: {} }, { token: admin.token }));
    expect(all).toEqual({ team_id: null, range: '24h', bucket_seconds: 0, points: [{ recorded_at: new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString(), online_count: 3, total_count: 4 }] });
    const servers = ok(await kit.call(r.onlineHistory, { query: { team_id: String(team) } }, { token: admin.token }));
    expect(servers.points.map((p) => [p.online_count, p.total_count])).toEqual([[2, 3]]);
    const noTeam = ok(await kit.call(r.onlineHistory, { query: { team_id: '0' } }, { token: admin.token }));
    expect(noTeam.points.map((p) => [p.online_count, p.total_count])).toEqual([[1, 1]]);
    await stats.pruneStatus(new Date(now.getTime() + 1000));
    expect(ok(await kit.call(r.onlineHistory, { query: {} }, { token: admin.token })).points).toEqual([]);
  });

  it('answers every sample of the last 24 hours, and hourly averages over 7 days; older samples and other teams stay out', async () => {
    const a = await kit.team('A');
    const b = await kit.team('B');
    const recent = ago(30 * 60_000);
    await sample(recent, a, 10, 20);
    await sample(recent, b, 1, 2);
    await sample(ago(2 * HOUR), a, 4, 20);
    const hourStart = Math.floor((Date.now() - 3 * 24 * HOUR) / HOUR) * HOUR;
    await sample(new Date(hourStart + 10 * 60_000), a, 6, 20);
    await sample(new Date(hourStart + 40 * 60_000), a, 8, 20);
    await sample(ago(9 * 24 * HOUR), a, 99, 99);
    const day = ok(await kit.call(r.onlineHistory, { query: { range: '24h' } }, { token: admin.token }));
    expect(day.points.map((p) => p.online_count)).toEqual([4, 11]);
    const week = ok(await kit.call(r.onlineHistory, { query: { range: '7d' } }, { token: admin.token }));
    expect(week.bucket_seconds).toBe(3600);
    // the 2-hours-ago and 30-minutes-ago samples are an hour or more apart, so in different buckets
    expect(week.points.map((p) => p.online_count)).toEqual([7, 4, 11]);
    expect(week.points[0]?.recorded_at).toBe(new Date(hourStart).toISOString());
    for (const p of week.points) expect(new Date(p.recorded_at).getTime() % HOUR).toBe(0);
    const teamUser = await kit.user({ teams: [{ id: b, role: 'observer' }] });
    expect(ok(await kit.call(r.onlineHistory, { query: {} }, { token: teamUser.token })).points.map((p) => p.online_count)).toEqual([1]);
    const denied = await kit.call(r.onlineHistory, { query: { team_id: String(a) } }, { token: teamUser.token });
    expect(denied.status).toBe(403);
    const bad = await kit.call(r.onlineHistory, { query: { range: '1y' as '7d' } }, { token: admin.token });
    expect([bad.status, bad.ok ? '' : bad.body?.errors?.[0]?.reason]).toEqual([400, 'range must be 24h or 7d']);
  });

  it('counts hosts per OS version, most first, in Fleet\'s shape, filtered and paged', async () => {
    const team = await kit.team('Macs');
    for (let i = 0; i < 3; i++) await kit.host({ os_version: 'macOS 14.1', platform: 'darwin', team_id: team });
    for (let i = 0; i < 2; i++) await kit.host({ os_version: 'Ubuntu 22.04.3 LTS', platform: 'ubuntu' });
    await kit.host({ os_version: '', platform: 'ubuntu' });
    // OS version counts are refreshed by each vulnerabilities run, as Fleet's are by its aggregation (counts_updated_at).
    await new VulnerabilityCountsRepository(kit.db.dataSource).rebuildOsVersions(new Date('2026-01-02T03:04:05Z'));
    const list = ok(await kit.call(r.osVersions, { query: {} }, { token: admin.token }));
    expect(list).toEqual({
      count: 2, counts_updated_at: '2026-01-02T03:04:05Z', meta: { has_next_results: false, has_previous_results: false },
      os_versions: [
        { os_version_id: expect.any(Number), hosts_count: 3, name: 'macOS 14.1', name_only: 'macOS', version: '14.1', platform: 'darwin', generated_cpes: [], vulnerabilities_count: 0, vulnerabilities: [] },
        { os_version_id: expect.any(Number), hosts_count: 2, name: 'Ubuntu 22.04.3 LTS', name_only: 'Ubuntu', version: '22.04.3 LTS', platform: 'ubuntu', generated_cpes: [], vulnerabilities_count: 0, vulnerabilities: [] },
      ],
    });
    const page = ok(await kit.call(r.osVersions, { query: { per_page: '1', page: '1' } }, { token: admin.token }));
    expect([page.os_versions.map((v) => v.name), page.meta]).toEqual([['Ubuntu 22.04.3 LTS'], { has_next_results: false, has_previous_results: true }]);
    expect(ok(await kit.call(r.osVersions, { query: { platform: 'darwin' } }, { token: admin.token })).count).toBe(1);
    expect(ok(await kit.call(r.osVersions, { query: { os_name: 'Ubuntu', os_version: '22.04.3 LTS' } }, { token: admin.token })).os_versions[0]?.hosts_count).toBe(2);
    const teamUser = await kit.user({ teams: [{ id: team, role: 'observer' }] });
    expect(ok(await kit.call(r.osVersions, { query: {} }, { token: teamUser.token })).os_versions.map((v) => v.name)).toEqual(['macOS 14.1']);
    const half = await kit.call(r.osVersions, { query: { os_name: 'macOS' } }, { token: admin.token });
    expect(half.status).toBe(400);
  });

  it('filters hosts by low disk space (Fleet\'s low_disk_space) with Fleet\'s 400 message', async () => {
    const low = await kit.host({ gigs_disk_space_available: 12.5 });
    await kit.host({ gigs_disk_space_available: 200 });
    expect(ok(await kit.call(hostRoutes.list, { query: { low_disk_space: '32' } }, { token: admin.token })).hosts.map((h) => h.id)).toEqual([low]);
    expect(ok(await kit.call(hostRoutes.count, { query: { low_disk_space: '32' } }, { token: admin.token })).count).toBe(1);
    for (const v of ['0', '101', 'x']) {
      const res = await kit.call(hostRoutes.list, { query: { low_disk_space: v } }, { token: admin.token });
      expect([res.status, res.ok ? '' : res.body?.errors?.[0]?.reason]).toEqual([400, `Invalid low_disk_space, must be between 1 and 100: ${v}`]);
    }
  });

  it('lists a host\'s past activities (those naming it), newest first, and hides hosts outside the caller\'s teams', async () => {
    const team = await kit.team('T');
    const a = await kit.host({ hostname: 'a' });
    const b = await kit.host({ hostname: 'b' });
    ok(await kit.call(hostRoutes.refetch, { params: { id: a } }, { token: admin.token }));
    ok(await kit.call(hostRoutes.refetch, { params: { id: b } }, { token: admin.token }));
    ok(await kit.call(hostRoutes.transfer, { body: { team_id: team, hosts: [a, b] } }, { token: admin.token }));
    const list = ok(await kit.call(activityRoutes.host, { params: { id: a }, query: {} }, { token: admin.token }));
    expect(list.activities.map((x) => x.type)).toEqual(['transferred_hosts', 'refetched_host']);
    expect(list.activities[1]?.details).toMatchObject({ host_id: a });
    const paged = ok(await kit.call(activityRoutes.host, { params: { id: a }, query: { page: '0', per_page: '1' } }, { token: admin.token }));
    expect([paged.activities.length, paged.meta.has_next_results]).toEqual([1, true]);
    const other = await kit.team('Other');
    const outsider = await kit.user({ teams: [{ id: other, role: 'admin' }] });
    expect((await kit.call(activityRoutes.host, { params: { id: a }, query: {} }, { token: outsider.token })).status).toBe(404);
  });

  it('answers a host\'s stored results of a scheduled query', async () => {
    const host = await kit.host({ hostname: 'reporter' });
    const other = await kit.host({ hostname: 'other' });
    const ds = kit.db.dataSource;
    const q = await ds.query<{ insertId: number }>("INSERT INTO queries (name, query, description, schedule_interval) VALUES ('uptime', 'SELECT * FROM uptime', '', 60)");
    const fetched = new Date('2026-03-01T10:00:00Z');
    await ds.query('INSERT INTO query_results (query_id, host_id, last_fetched, data) VALUES (?, ?, ?, ?), (?, ?, ?, ?), (?, ?, ?, ?)',
      [q.insertId, host, fetched, '{"days":"1"}', q.insertId, host, fetched, '{"days":"2"}', q.insertId, other, fetched, '{"days":"9"}']);
    const report = ok(await kit.call(hostRoutes.queryReport, { params: { id: host, query_id: q.insertId } }, { token: admin.token }));
    expect(report).toEqual({
      query_id: q.insertId, host_id: host, host_name: 'reporter', host_team_id: null, last_fetched: '2026-03-01T10:00:00Z', report_clipped: false,
      results: [{ columns: { days: '1' } }, { columns: { days: '2' } }],
    });
    const never = ok(await kit.call(hostRoutes.queryReport, { params: { id: other, query_id: q.insertId } }, { token: admin.token }));
    expect(never.results).toEqual([{ columns: { days: '9' } }]);
    expect((await kit.call(hostRoutes.queryReport, { params: { id: host, query_id: q.insertId + 1 } }, { token: admin.token })).status).toBe(404);
  });
});
