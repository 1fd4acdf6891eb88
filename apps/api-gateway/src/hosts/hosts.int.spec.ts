/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- response bodies are untyped JSON under test */
import { hostRoutes as r } from '@fleet/contracts';
import type { AnyAdminRoute } from '@fleet/contracts';
import { startAdminTestKit } from '../testing/admin-test-kit';
import { installSoftware, seedSoftwareCve, softwareIdOf } from '../testing/software-seed';
import type { AdminTestKit, TypedResponse } from '../testing/admin-test-kit';

describe('hosts API (MariaDB + Redis)', () => {
  let kit: AdminTestKit;
  let admin: { id: number; token: string };
  beforeAll(async () => { kit = await startAdminTestKit('hosts'); });
  afterAll(async () => { await kit.close(); });
  beforeEach(async () => { await kit.reset(); admin = await kit.user({}); });

  const get = (path: string, token = admin.token) => kit.api('GET', `/api/latest/fleet${path}`, { token });
  /** The body of a typed call that must succeed (the typed client has already checked it against the route's response schema). */
  const ok = <R extends AnyAdminRoute>(res: TypedResponse<R>) => {
    if (!res.ok) throw new Error(`${res.status} ${res.text}`);
    return res.body;
  };

  it('lists with Fleet’s shape, orders, paginates and filters by status, query, team and label', async () => {
    const team = await kit.team('Servers');
    const a = await kit.host({ hostname: 'alpha', hardware_serial: 'SER-A', primary_ip: '10.0.0.5', team_id: team }, 5);
    const b = await kit.host({ hostname: 'bravo', distributed_interval: 10, config_tls_refresh: 10 }, 3600);
    const c = await kit.host({ hostname: 'charlie' }, 40 * 86400);
    await kit.db.dataSource.query('INSERT INTO label_membership (label_id, host_id) VALUES (1, ?), (1, ?)', [a, c]);
    const all = await kit.call(r.list, { query: { order_key: 'hostname', order_direction: 'desc' } }, { token: admin.token });
    expect(all.status).toBe(200);
    const listed = ok(all).hosts;
    expect(listed.map((h) => h.hostname)).toEqual(['charlie', 'bravo', 'alpha']);
    expect(listed[2]).toMatchObject({ id: a, status: 'online', team_id: team, team_name: 'Servers', display_text: 'alpha', hardware_serial: 'SER-A',
      issues: { failing_policies_count: 0, critical_vulnerabilities_count: 0, total_issues_count: 0 } });
    expect(JSON.parse(all.text).hosts[2]).not.toHaveProperty('node_key');
    const page = ok(await kit.call(r.list, { query: { order_key: 'hostname', page: '1', per_page: '1' } }, { token: admin.token }));
    expect(page.hosts.map((h) => h.id)).toEqual([b]);
    const ids = async (q: string) => (await get(`/hosts?${q}`)).body.hosts.map((h: { id: number }) => h.id).sort();
    expect(await ids('status=online')).toEqual([a]);
    expect(await ids('status=offline')).toEqual([b]);
    expect(await ids('status=missing')).toEqual([c]);
    expect(await ids('status=new')).toEqual([a, b, c].sort());
    expect(await ids('query=SER-A')).toEqual([a]);
    expect(await ids('query=10.0.0')).toEqual([a]);
    expect(await ids(`team_id=${team}`)).toEqual([a]);
    expect(await ids('team_id=0')).toEqual([b, c].sort());
    expect(await ids('label_id=1')).toEqual([a, c].sort());
    expect(ok(await kit.call(r.count, { query: { status: 'online' } }, { token: admin.token }))).toEqual({ count: 1 });
  });

  it('populate_software, populate_policies, populate_users and populate_labels add each host\'s arrays as Fleet does; none without them', async () => {
    const ds = kit.db.dataSource;
    const a = await kit.host({ hostname: 'alpha', detail_updated_at: new Date('2026-01-02T00:00:00Z'), uptime: 3600 });
    const b = await kit.host({ hostname: 'bravo' });
    await installSoftware(ds, a, [{ name: 'curl', version: '8.0', source: 'deb_packages', installed_path: '/usr/bin/curl' }]);
    const curl = await softwareIdOf(ds, 'curl', '8.0');
    await seedSoftwareCve(ds, [curl.id], { cve: 'CVE-2099-1234', cvssScore: 9.1, resolvedIn: '8.1' });
    const policy = (await kit.api('POST', '/api/latest/fleet/global/policies', { token: admin.token, body: { name: 'p', query: 'SELECT 1' } })).body.policy.id;
    await ds.query('INSERT INTO policy_membership (policy_id, host_id, passes) VALUES (?, ?, 0)', [policy, a]);
    await ds.query("INSERT INTO host_users (host_id, uid, username, user_type, groupname, shell) VALUES (?, 1000, 'ann', '', 'staff', '/bin/sh')", [a]);
    await ds.query('INSERT INTO label_membership (label_id, host_id) VALUES (1, ?)', [a]);
    const list = async (q: string) => ok(await kit.call(r.list, { query: Object.fromEntries(new URLSearchParams(`order_key=hostname&${q}`)) }, { token: admin.token })).hosts;

    const plain = (await list(''))[0];
    for (const key of ['software', 'policies', 'users', 'labels']) expect(plain).not.toHaveProperty(key);
    // uptime in nanoseconds, as Fleet's Go duration; last_restarted_at from the seconds the host reported.
    expect(plain).toMatchObject({ id: a, uptime: 3_600_000_000_000, last_restarted_at: '2026-01-01T23:00:00Z', refetch_requested: false,
      mdm: { encryption_key_available: false, enrollment_status: null, name: '', server_url: null } });
    expect(plain.software_updated_at).not.toBe('0001-01-01T00:00:00Z');

    const [full, other] = await list('populate_software=true&populate_policies=true&populate_users=1&populate_labels=true');
    expect(full.software).toEqual([expect.objectContaining({ id: curl.id, name: 'curl', version: '8.0', installed_paths: ['/usr/bin/curl'],
      vulnerabilities: [expect.objectContaining({ cve: 'CVE-2099-1234', details_link: 'https://nvd.nist.gov/vuln/detail/CVE-2099-1234', cvss_score: 9.1, resolved_in_version: '8.1' })] })]);
    expect(full.policies).toEqual([{ id: policy, name: 'p', query: 'SELECT 1', description: '', resolution: '', platform: '', response: 'fail', critical: false }]);
    expect(full.users).toEqual([{ uid: 1000, username: 'ann', type: '', groupname: 'staff', shell: '/bin/sh' }]);
    expect(full.labels?.map((l) => l.id)).toEqual([1]);
    expect(other).toMatchObject({ id: b, software: [], users: [], labels: [], policies: [{ id: policy, response: '' }] });

    const [brief] = await list('populate_software=without_vulnerability_details');
    expect(brief.software?.[0]?.vulnerabilities).toEqual([{ cve: 'CVE-2099-1234', details_link: 'https://nvd.nist.gov/vuln/detail/CVE-2099-1234' }]);
    expect(brief).not.toHaveProperty('policies');
    expect((await get('/hosts?populate_policies=maybe')).body).toMatchObject({ errors: [{ reason: 'Invalid populate_policies: maybe' }] });
  });

  it('validates filters and pagination with Fleet’s 400 messages', async () => {
    const cases: Array<[string, string]> = [
      ['status=foo', 'Invalid status: foo'], ['page=x', 'non-int page value'], ['page=-1', 'negative page value'],
      ['per_page=0', 'invalid per_page value'], ['order_key=id&order_direction=up', 'unknown order_direction: up'],
      ['order_direction=desc', 'order_key must be specified with order_direction'],
      ['policy_response=passing', 'Missing policy_id (it must be present when policy_response is specified)'],
      ['policy_id=1&policy_response=maybe', "Invalid policy_response: maybe (Valid options are 'passing' or 'failing')"],
      ['os_version=14', 'Invalid os_version (os_version must be specified with os_name)'], ['team_id=abc', 'Invalid team_id: abc'],
    ];
    for (const [q, reason] of cases) {
      const res = await get(`/hosts?${q}`);
      expect([q, res.status, res.body]).toEqual([q, 400, { message: 'Bad request', errors: [{ name: 'base', reason }] }]);
    }
    const report = await get('/hosts/report?format=csv&columns=id,nope');
    expect([report.status, report.body]).toEqual([400, { message: 'Bad request', errors: [{ name: 'base', reason: 'invalid column name: nope' }] }]);
  });

  it('an order_key named after an Object.prototype member is an unknown key (default order), not a 500, on every kind of list', async () => {
    await kit.host({ hostname: 'proto-a' });
    const paths = [
      '/hosts?order_key=toString&per_page=5', '/hosts?order_key=constructor&order_direction=desc', '/policies/count?order_key=&order_key=toString',
      '/policies?order_key=hasOwnProperty', '/carves?order_key=toString&after=1', '/software/titles?order_key=__proto__', '/labels?order_key=valueOf',
      '/os_versions?order_key=toString',
    ];
    for (const path of paths) {
      const res = await get(path);
      expect([path, res.status]).toEqual([path, 200]);
    }
  });

  it('filters by policy response, software and OS', async () => {
    const a = await kit.host({ hostname: 'a', os_version: 'Ubuntu 22.04' });
    const b = await kit.host({ hostname: 'b', os_version: 'macOS 14.1' });
    const ds = kit.db.dataSource;
    await ds.query("INSERT INTO policies (id, name, query, description, resolution) VALUES (7, 'p', 'SELECT 1', '', '')");
    await ds.query('INSERT INTO policy_membership (policy_id, host_id, passes) VALUES (7, ?, 1), (7, ?, 0)', [a, b]);
    await ds.query("INSERT INTO software (id, name, version, source, checksum) VALUES (3, 'curl', '8', 'deb_packages', UNHEX(MD5('x')))");
    await ds.query('INSERT INTO host_software (host_id, software_id) VALUES (?, 3)', [b]);
    const ids = async (q: string) => (await get(`/hosts?${q}`)).body.hosts.map((h: { id: number }) => h.id);
    expect(await ids('policy_id=7&policy_response=passing')).toEqual([a]);
    expect(await ids('policy_id=7&policy_response=failing')).toEqual([b]);
    expect(await ids('software_id=3')).toEqual([b]);
    expect(await ids('os_name=macOS&os_version=14.1')).toEqual([b]);
    const detail = ok(await kit.call(r.get, { params: { id: b } }, { token: admin.token }));
    expect(detail.host).toMatchObject({ id: b, refetch_requested: false, software: [{ id: 3, name: 'curl', version: '8', source: 'deb_packages' }],
      policies: [{ id: 7, response: 'fail' }], issues: { failing_policies_count: 1 } });
    // order_key=issues sorts by the issues the list shows (failing policies), then by id.
    const c = await kit.host({ hostname: 'c' });
    await ds.query("INSERT INTO policies (id, name, query, description, resolution) VALUES (8, 'q', 'SELECT 1', '', ''), (9, 'r', 'SELECT 1', '', '')");
    await ds.query('INSERT INTO policy_membership (policy_id, host_id, passes) VALUES (8, ?, 0), (9, ?, 0), (8, ?, 1)', [a, a, c]);
    expect(await ids('order_key=issues&order_direction=desc')).toEqual([a, b, c]);
    expect(await ids('order_key=issues')).toEqual([c, b, a]);
    expect((await get('/hosts?order_key=issues&order_direction=desc&per_page=1')).body.hosts[0].issues).toMatchObject({ failing_policies_count: 2, total_issues_count: 2 });
  });

  it('host detail, identifier lookup, summary, refetch, transfer, delete and CSV report', async () => {
    const team = await kit.team('T');
    const h = await kit.host({ hostname: 'web-1', uuid: 'U-1', hardware_serial: 'S-1' });
    await kit.db.dataSource.query("INSERT INTO host_users (host_id, uid, username, user_type, groupname, shell) VALUES (?, 501, 'jane', 'person', 'staff', '/bin/zsh')", [h]);
    await kit.db.dataSource.query('INSERT INTO label_membership (label_id, host_id) VALUES (1, ?)', [h]);
    const d = ok(await kit.call(r.get, { params: { id: h } }, { token: admin.token }));
    expect(d.host).toMatchObject({ hostname: 'web-1', labels: [{ id: 1, name: 'All Hosts', label_type: 'builtin' }],
      users: [{ uid: 501, username: 'jane', type: 'person', groupname: 'staff', shell: '/bin/zsh' }] });
    for (const ident of ['web-1', 'U-1', 'S-1']) expect(ok(await kit.call(r.byIdentifier, { params: { identifier: ident } }, { token: admin.token })).host.id).toBe(h);
    const missing = await get('/hosts/identifier/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.errors[0].reason).toMatch(/^Host doesn't exist\. Make sure you provide a valid hostname, UUID, or serial number\./);
    expect((await get('/hosts/999999')).status).toBe(404);
    const s = ok(await kit.call(r.summary, {}, { token: admin.token }));
    expect(s).toMatchObject({ team_id: null, totals_hosts_count: 1, online_count: 1, offline_count: 0, mia_count: 0, new_count: 1,
      all_linux_count: 1, platforms: [{ platform: 'ubuntu', hosts_count: 1 }] });
    expect(s.builtin_labels).toHaveLength(8);
    await kit.app.redis.set('fleet:host:id:' + h, 'nk-x');
    await kit.app.redis.set('fleet:host:nk:nk-x', '{}');
    expect(ok(await kit.call(r.refetch, { params: { id: h } }, { token: admin.token, version: 'v1' }))).toEqual({});
    expect((await get(`/hosts/${h}`)).body.host.refetch_requested).toBe(true);
    expect(await kit.app.redis.exists('fleet:host:nk:nk-x')).toBe(0);
    expect((await kit.call(r.transfer, { body: { team_id: team, hosts: [h] } }, { token: admin.token, version: 'v1' })).status).toBe(200);
    expect((await get(`/hosts/${h}`)).body.host.team_id).toBe(team);
    const csv = await get('/hosts/report?format=csv&columns=id,hostname,status');
    expect(ok(await kit.call(r.report, { query: { format: 'csv', columns: 'id,hostname,status' } }, { token: admin.token }))).toBe(csv.text);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.text).toBe(`id,hostname,status\n${h},web-1,online\n`);
    expect((await kit.call(r.delete, { params: { id: h } }, { token: admin.token, version: 'v1' })).status).toBe(200);
    expect((await get(`/hosts/${h}`)).status).toBe(404);
    const x = await kit.host({});
    const y = await kit.host({});
    expect((await kit.call(r.deleteMany, { body: { ids: [x, y] } }, { token: admin.token, version: 'v1' })).status).toBe(200);
    expect(ok(await kit.call(r.count, {}, { token: admin.token })).count).toBe(0);
  });

  it('transfers the hosts matching filters (label, status, search) and records which moved', async () => {
    const team = await kit.team('Filtered');
    const [a, b, stale] = [await kit.host({ hostname: 'db-a' }), await kit.host({ hostname: 'db-b' }), await kit.host({ hostname: 'db-stale' }, 3600)];
    const other = await kit.host({ hostname: 'web-z' });
    await kit.db.dataSource.query('INSERT INTO label_membership (label_id, host_id) VALUES (1, ?), (1, ?), (1, ?), (1, ?)', [a, b, stale, other]);
    const transfer = (body: unknown) => kit.api('POST', '/api/v1/fleet/hosts/transfer/filter', { token: admin.token, body });
    expect((await transfer({ team_id: team, filters: { query: 'db-', status: 'online', label_id: 1 } })).status).toBe(200);
    const teamOf = async (id: number) => (await get(`/hosts/${id}`)).body.host.team_id as number | null;
    expect([await teamOf(a), await teamOf(b), await teamOf(stale), await teamOf(other)]).toEqual([team, team, null, null]);
    const [act] = await kit.db.dataSource.query<Array<{ details: { host_ids: number[] } }>>("SELECT details FROM activities WHERE activity_type = 'transferred_hosts' ORDER BY id DESC LIMIT 1");
    expect(act.details).toMatchObject({ team_id: team, team_name: 'Filtered' });
    expect([...act.details.host_ids].sort((x, y) => x - y)).toEqual([a, b]);
    const bad = await transfer({ team_id: team, filters: { status: 'sleeping' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('status');
    expect((await transfer({ team_id: null })).status).toBe(422);
    expect((await transfer({ team_id: null, filters: { query: 'db-a' } })).status).toBe(200);
    expect(await teamOf(a)).toBeNull();
  });

  it('team users see only their team’s hosts', async () => {
    const t1 = await kit.team('one');
    const t2 = await kit.team('two');
    const mine = await kit.host({ team_id: t1 });
    const other = await kit.host({ team_id: t2 });
    const u = await kit.user({ teams: [{ id: t1, role: 'observer' }] });
    expect(ok(await kit.call(r.list, {}, { token: u.token })).hosts.map((h) => h.id)).toEqual([mine]);
    expect((await get(`/hosts/${other}`, u.token)).status).toBe(404);
    expect(ok(await kit.call(r.summary, {}, { token: u.token })).totals_hosts_count).toBe(1);
    expect((await kit.api('DELETE', `/api/v1/fleet/hosts/${mine}`, { token: u.token })).status).toBe(403);
  });

  it('a team user filtering by a team where they hold no role gets no hosts, as in Fleet (its team filter matches nothing; no 403), and /host_summary refuses that team_id', async () => {
    const t1 = await kit.team('mine');
    const t2 = await kit.team('theirs');
    await kit.host({ hostname: 'mine-1', team_id: t1 });
    await kit.host({ hostname: 'theirs-1', team_id: t2 });
    const u = await kit.user({ teams: [{ id: t1, role: 'maintainer' }] });
    const as = { token: u.token };
    expect(ok(await kit.call(r.list, { query: { team_id: String(t2) } }, as)).hosts).toEqual([]);
    expect(ok(await kit.call(r.count, { query: { team_id: String(t2) } }, as))).toEqual({ count: 0 });
    const report = ok(await kit.call(r.report, { query: { format: 'csv', columns: 'hostname', team_id: String(t2) } }, as));
    expect(report.trim().split('\n')).toEqual(['hostname']);
    const [allHosts] = await kit.db.dataSource.query<Array<{ id: number }>>("SELECT id FROM labels WHERE name = 'All Hosts'");
    await kit.db.dataSource.query('INSERT INTO label_membership (label_id, host_id) SELECT ?, id FROM hosts', [allHosts.id]);
    const labelHosts = await get(`/labels/${allHosts.id}/hosts?team_id=${t2}`, u.token);
    expect([labelHosts.status, labelHosts.body.hosts]).toEqual([200, []]);
    expect((await kit.call(r.summary, { query: { team_id: String(t2) } }, as)).status).toBe(403);
    // Their own team, and any team for a global reader.
    expect(ok(await kit.call(r.list, { query: { team_id: String(t1) } }, as)).hosts.map((h) => h.hostname)).toEqual(['mine-1']);
    expect(ok(await kit.call(r.list, { query: { team_id: String(t2) } }, { token: (await kit.user({ global_role: 'observer' })).token })).hosts.map((h) => h.hostname)).toEqual(['theirs-1']);
  });
});
