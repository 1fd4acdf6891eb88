import { hostRoutes as r } from '@fleet/contracts';
import type { AnyAdminRoute, RouteRequest, RouteResponse } from '@fleet/contracts';
import { startAdminTestKit } from '../testing/admin-test-kit';
import { installSoftware, seedSoftwareCve, softwareIdOf } from '../testing/software-seed';
import type { AdminTestKit } from '../testing/admin-test-kit';

/** A host's device mapping and health, and the host search (fleet-admin-api.md §1.3), on Fleet's documented shapes. */
describe('device mapping, health and host search (MariaDB + Redis)', () => {
  let kit: AdminTestKit;
  let token: string;
  beforeAll(async () => { kit = await startAdminTestKit('host_device'); });
  afterAll(async () => { await kit.close(); });
  beforeEach(async () => { await kit.reset(); token = (await kit.user({})).token; });

  const ok = async <R extends AnyAdminRoute>(route: R, request: Partial<RouteRequest<R>> = {}, as = token): Promise<RouteResponse<R>> => {
    const res = await kit.call(route, request, { token: as });
    if (!res.ok) throw new Error(`${route.method} ${route.path} → ${res.status} ${res.text}`);
    return res.body;
  };

  it('PUT /hosts/:id/device_mapping sets the one custom email and GET answers the mapping; the host\'s activities show it', async () => {
    const id = await kit.host({ hostname: 'laptop' });
    expect(await ok(r.deviceMapping, { params: { id } })).toEqual({ host_id: id, device_mapping: [] });
    await ok(r.setDeviceMapping, { params: { id }, body: { email: 'first@example.com' } });
    const res = await kit.api('PUT', `/api/latest/fleet/hosts/${id}/device_mapping`, { token, body: JSON.stringify({ email: 'user@example.com' }), contentType: null });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ host_id: id, device_mapping: [{ email: 'user@example.com', source: 'custom' }] });
    expect(await ok(r.deviceMapping, { params: { id } })).toEqual(res.body);
    expect((await kit.call(r.setDeviceMapping, { params: { id }, body: { email: ' ' } }, { token })).status).toBe(422);
    const acts = await kit.api('GET', `/api/latest/fleet/hosts/${id}/activities`, { token });
    expect(acts.body.activities[0]).toMatchObject({ type: 'edited_host_device_mapping', details: { host_id: id, email: 'user@example.com', source: 'custom' } });
    await kit.api('DELETE', `/api/latest/fleet/hosts/${id}`, { token });
    expect(await kit.db.dataSource.query('SELECT * FROM host_emails WHERE host_id = ?', [id])).toEqual([]);
  });

  it('GET /hosts/:id/health reports the OS, the failing policies with critical and resolution, and their counts', async () => {
    const id = await kit.host({ os_version: 'macOS 14.1' });
    const ins = (name: string, critical: number) => kit.db.dataSource.query<{ insertId: number }>(
      "INSERT INTO policies (name, query, description, resolution, critical) VALUES (?, 'SELECT 1', '', ?, ?)", [name, `fix ${name}`, critical]);
    const [chrome, disk, fine] = [await ins('chrome up to date', 1), await ins('disk space', 0), await ins('fine', 1)];
    await kit.db.dataSource.query('INSERT INTO policy_membership (policy_id, host_id, passes) VALUES (?, ?, 0), (?, ?, 0), (?, ?, 1)',
      [chrome.insertId, id, disk.insertId, id, fine.insertId, id]);
    const health = await ok(r.health, { params: { id } });
    expect(Object.keys(health.health).sort()).toEqual(['failing_critical_policies_count', 'failing_policies', 'failing_policies_count', 'os_version', 'updated_at', 'vulnerable_software']);
    expect(health).toMatchObject({
      host_id: id,
      health: { os_version: 'macOS 14.1', failing_policies_count: 2, failing_critical_policies_count: 1, vulnerable_software: [],
        failing_policies: [
          { id: chrome.insertId, name: 'chrome up to date', critical: true, resolution: 'fix chrome up to date' },
          { id: disk.insertId, name: 'disk space', critical: false, resolution: 'fix disk space' },
        ] },
    });
    expect((await kit.call(r.health, { params: { id: 999999 } }, { token })).status).toBe(404);
  });

  it('GET /hosts/:id/health lists the host\'s software versions with a known CVE, each once', async () => {
    const ds = kit.db.dataSource;
    const id = await kit.host({ os_version: 'Ubuntu 22.04' });
    const other = await kit.host({ os_version: 'Ubuntu 22.04' });
    await installSoftware(ds, id, [
      { name: 'curl', version: '8.0', source: 'deb_packages', installed_path: '/usr/bin/curl' },
      { name: 'jq', version: '1.6', source: 'deb_packages', installed_path: '/usr/bin/jq' },
      { name: 'openssl', version: '3.0.2', source: 'deb_packages', installed_path: '/usr/bin/openssl' },
    ]);
    await installSoftware(ds, other, [{ name: 'vim', version: '9.0', source: 'deb_packages', installed_path: '/usr/bin/vim' }]);
    const [curl, openssl, vim] = [await softwareIdOf(ds, 'curl', '8.0'), await softwareIdOf(ds, 'openssl', '3.0.2'), await softwareIdOf(ds, 'vim', '9.0')];
    expect((await ok(r.health, { params: { id } })).health.vulnerable_software).toEqual([]);
    await seedSoftwareCve(ds, [curl.id, vim.id], { cve: 'CVE-2099-0001', cvssScore: 9.8 });
    await seedSoftwareCve(ds, [openssl.id], { cve: 'CVE-2099-0002', cvssScore: 5.0 });
    await seedSoftwareCve(ds, [openssl.id], { cve: 'CVE-2099-0003', cvssScore: 7.5 });
    expect((await ok(r.health, { params: { id } })).health.vulnerable_software).toEqual([
      { id: curl.id, name: 'curl', version: '8.0' }, { id: openssl.id, name: 'openssl', version: '3.0.2' },
    ]);
  });

  it('POST /hosts/search answers up to 10 hosts matching hostname, serial or IP, without the excluded ones, in the caller\'s teams', async () => {
    const team = await kit.team('T');
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) ids.push(await kit.host({ hostname: `web-${String(i).padStart(2, '0')}.example.com`, team_id: i < 3 ? team : null }));
    const serial = await kit.host({ hostname: 'odd', hardware_serial: 'C02XYZ', primary_ip: '10.1.2.3' });
    const found = await ok(r.search, { body: { query: 'web-', excluded_host_ids: [ids[0]] } });
    expect(found.hosts).toHaveLength(10);
    expect(found.hosts.map((h) => h.id)).not.toContain(ids[0]);
    expect((await ok(r.search, { body: { query: 'C02XYZ' } })).hosts.map((h) => h.id)).toEqual([serial]);
    expect((await ok(r.search, { body: { query: '10.1.2' } })).hosts.map((h) => h.id)).toEqual([serial]);
    const teamUser = await kit.user({ teams: [{ id: team, role: 'maintainer' }] });
    expect((await ok(r.search, { body: { query: 'web-' } }, teamUser.token)).hosts.map((h) => h.id).sort()).toEqual(ids.slice(0, 3).sort());
    const observer = await kit.user({ global_role: 'observer' });
    expect((await ok(r.search, { body: { query: 'web-' } }, observer.token)).hosts).toEqual([]);
  });
});
