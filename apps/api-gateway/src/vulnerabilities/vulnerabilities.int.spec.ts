import { hostRoutes, softwareRoutes as sr, vulnerabilityRoutes as vr } from '@fleet/contracts';
import type { AnyAdminRoute } from '@fleet/contracts';
import { VulnerabilityCountsRepository } from '@fleet/persistence';
import { startAdminTestKit } from '../testing/admin-test-kit';
import type { AdminTestKit, TypedResponse } from '../testing/admin-test-kit';
import { installSoftware, seedSoftwareCve, softwareIdOf } from '../testing/software-seed';

const ok = <R extends AnyAdminRoute>(res: TypedResponse<R>) => {
  if (!res.ok) throw new Error(`${res.status} ${res.text}`);
  return res.body;
};

/**
 * Contract tests of the software and vulnerability routes on Fleet's documented shapes (rest-api.md "Software",
 * "Vulnerabilities", "OS versions", "Get host's software"); every success body is also parsed by the route's
 * response schema by the typed client.
 */
describe('software titles, versions, host software, vulnerabilities and OS versions (MariaDB + Redis)', () => {
  let kit: AdminTestKit;
  let admin: { token: string };
  let teamA: number;
  let teamB: number;
  let hosts: { macA: number; macB: number; winNone: number };
  let chrome116: number;
  let chrome124: number;
  let slack: number;
  let chromeTitle: number;

  beforeAll(async () => {
    kit = await startAdminTestKit('vulnerabilities_api');
    const ds = kit.db.dataSource;
    admin = { token: (await kit.user({})).token };
    teamA = await kit.team('A');
    teamB = await kit.team('B');
    hosts = {
      macA: await kit.host({ team_id: teamA, hostname: 'mac-a', platform: 'darwin', os_version: 'macOS 13.5.1' }),
      macB: await kit.host({ team_id: teamB, hostname: 'mac-b', platform: 'darwin', os_version: 'macOS 13.5.1' }),
      winNone: await kit.host({ hostname: 'win-1', platform: 'windows', os_version: 'Windows 11 Pro 23H2 10.0.22631.3007', cpu_type: 'x86_64' }),
    };
    const chrome = (version: string) => ({ name: 'Google Chrome.app', version, source: 'apps', bundle_identifier: 'com.google.Chrome', installed_path: '/Applications/Google Chrome.app' });
    await installSoftware(ds, hosts.macA, [{ ...chrome('116.0.5845.96'), last_opened_at: 1_714_400_000 }, { name: 'Slack.app', version: '4.35', source: 'apps', bundle_identifier: 'com.tinyspeck.slackmacgap' }]);
    await installSoftware(ds, hosts.macB, [chrome('124.0.6367.207')]);
    await installSoftware(ds, hosts.winNone, [{ name: 'Google Chrome', version: '116.0.5845.96', source: 'programs' }]);
    chrome116 = (await softwareIdOf(ds, 'Google Chrome.app', '116.0.5845.96')).id;
    chrome124 = (await softwareIdOf(ds, 'Google Chrome.app', '124.0.6367.207')).id;
    slack = (await softwareIdOf(ds, 'Slack.app', '4.35')).id;
    chromeTitle = (await softwareIdOf(ds, 'Google Chrome.app', '116.0.5845.96')).titleId;
    const winChrome = (await softwareIdOf(ds, 'Google Chrome', '116.0.5845.96')).id;
    await seedSoftwareCve(ds, [chrome116, winChrome], { cve: 'CVE-2023-4863', cvssScore: 8.8, epss: 0.73361, kev: true, published: new Date('2023-09-12T15:15:24Z'), resolvedIn: '116.0.5845.187' });
    await seedSoftwareCve(ds, [chrome116], { cve: 'CVE-2023-5217', cvssScore: 8.8, epss: 0.18221, published: new Date('2023-09-28T16:15:10Z'), resolvedIn: '117.0.5938.132' });
    await seedSoftwareCve(ds, [chrome124], { cve: 'CVE-2024-0001', cvssScore: 4.3, epss: 0.001, published: new Date('2024-06-01T00:00:00Z') });
    // A CVE known from the feeds that no host has, and a Windows build CVE.
    await ds.query("INSERT INTO cve_meta (cve, cvss_score) VALUES ('CVE-2021-44228', 10.0)");
    const counts = new VulnerabilityCountsRepository(ds);
    await counts.rebuildOsVersions(new Date('2026-01-01T00:00:00Z'));
    const [win] = await ds.query<Array<{ id: number }>>("SELECT id FROM operating_systems WHERE platform = 'windows'");
    await ds.query("INSERT INTO cve_meta (cve, cvss_score, cisa_known_exploit, description) VALUES ('CVE-2024-21412', 8.1, 1, 'Internet Shortcut Files Security Feature Bypass Vulnerability')");
    await ds.query("INSERT INTO operating_system_cve (os_id, cve, source, resolved_in_version) VALUES (?, 'CVE-2024-21412', 'msrc', '10.0.22631.3155')", [win?.id]);
    await counts.refreshCveCounts(['CVE-2024-21412']);
    await ds.query("INSERT INTO vulnerability_state (name, value) VALUES ('counts_updated_at', '2026-01-01T00:00:00.000Z')");
  });
  afterAll(async () => { await kit.close(); });

  it('lists titles with their versions, host counts and CVE ids, most installed first, filtered by vulnerable, exploit, CVSS, CVE and team', async () => {
    const list = ok(await kit.call(sr.titles, {}, admin));
    expect(list.software_titles.map((t) => [t.name, t.hosts_count, t.versions_count])).toEqual([['Google Chrome.app', 2, 2], ['Google Chrome', 1, 1], ['Slack.app', 1, 1]]);
    expect(list.software_titles[0]).toEqual({
      id: chromeTitle, name: 'Google Chrome.app', software_package: null, app_store_app: null, versions_count: 2, source: 'apps', browser: '', hosts_count: 2,
      versions: [{ id: chrome116, version: '116.0.5845.96', vulnerabilities: ['CVE-2023-4863', 'CVE-2023-5217'] }, { id: chrome124, version: '124.0.6367.207', vulnerabilities: ['CVE-2024-0001'] }],
    });
    expect(list).toMatchObject({ counts_updated_at: null, count: 3, meta: { has_next_results: false, has_previous_results: false } });
    const names = async (query: Record<string, string>) => ok(await kit.call(sr.titles, { query }, admin)).software_titles.map((t) => t.name);
    expect(await names({ vulnerable: 'true' })).toEqual(['Google Chrome.app', 'Google Chrome']);
    expect(await names({ exploit: '1' })).toEqual(['Google Chrome.app', 'Google Chrome']);
    expect(await names({ min_cvss_score: '9' })).toEqual([]);
    expect(await names({ max_cvss_score: '5' })).toEqual(['Google Chrome.app']);
    expect(await names({ min_cvss_score: '5', max_cvss_score: '8' })).toEqual([]);
    expect(await names({ query: 'cve-2023-5217' })).toEqual(['Google Chrome.app']);
    expect(await names({ query: 'slack' })).toEqual(['Slack.app']);
    expect(await names({ team_id: String(teamB) })).toEqual(['Google Chrome.app']);
    expect(await names({ order_key: 'name', order_direction: 'asc', per_page: '1', page: '1' })).toEqual(['Google Chrome.app']);
    expect((await kit.call(sr.titles, { query: { min_cvss_score: '11' } }, admin)).status).toBe(400);
    const teamUser = { token: (await kit.user({ teams: [{ id: teamA, role: 'observer' }] })).token };
    expect(ok(await kit.call(sr.titles, {}, teamUser)).software_titles.map((t) => [t.name, t.hosts_count])).toEqual([['Google Chrome.app', 1], ['Slack.app', 1]]);
  });

  it('returns one title with each version\'s host count; 404 outside the caller\'s hosts', async () => {
    const t = ok(await kit.call(sr.title, { params: { id: chromeTitle } }, admin)).software_title;
    expect(t).toEqual({
      id: chromeTitle, name: 'Google Chrome.app', bundle_identifier: 'com.google.Chrome', software_package: null, app_store_app: null, source: 'apps', browser: '',
      hosts_count: 2, versions_count: 2, versions: [
        { id: chrome116, version: '116.0.5845.96', vulnerabilities: ['CVE-2023-4863', 'CVE-2023-5217'], hosts_count: 1 },
        { id: chrome124, version: '124.0.6367.207', vulnerabilities: ['CVE-2024-0001'], hosts_count: 1 },
      ],
    });
    const slackTitle = (await softwareIdOf(kit.db.dataSource, 'Slack.app', '4.35')).titleId;
    expect((await kit.call(sr.title, { params: { id: slackTitle }, query: { team_id: String(teamB) } }, admin)).status).toBe(404);
  });

  it('lists versions with Fleet\'s vulnerability details (null when none), orders by CVSS, and can leave the details out', async () => {
    const list = ok(await kit.call(sr.list, { query: { order_key: 'cvss_score', order_direction: 'desc' } }, admin));
    const first = list.software[0];
    expect(first?.vulnerabilities?.find((v) => v.cve === 'CVE-2023-4863')).toEqual({
      cve: 'CVE-2023-4863', details_link: 'https://nvd.nist.gov/vuln/detail/CVE-2023-4863', cvss_score: 8.8, epss_probability: 0.73361, cisa_known_exploit: true,
      cve_published: '2023-09-12T15:15:24Z', cve_description: 'CVE-2023-4863 description', resolved_in_version: '116.0.5845.187', created_at: expect.any(String),
    });
    expect(list.software.find((s) => s.id === slack)?.vulnerabilities).toBeNull();
    expect(list.software.at(-1)?.name).toBe('Slack.app');
    const brief = ok(await kit.call(sr.list, { query: { vulnerable: 'true', without_vulnerability_details: 'true' } }, admin));
    expect(brief.software.every((s) => s.vulnerabilities?.every((v) => Object.keys(v).sort().join() === 'cve,details_link'))).toBe(true);
    expect(brief.count).toBe(3);
    expect(ok(await kit.call(sr.get, { params: { id: chrome116 } }, admin)).software).toMatchObject({
      id: chrome116, bundle_identifier: 'com.google.Chrome', hosts_count: 1, vulnerabilities: [{ cve: 'CVE-2023-4863' }, { cve: 'CVE-2023-5217' }],
    });
  });

  it('lists a host\'s software by title with its installed versions, paths, last-opened time and CVEs; query and vulnerable narrow it', async () => {
    const res = ok(await kit.call(sr.hostSoftware, { params: { id: hosts.macA } }, admin));
    expect(res).toEqual({
      count: 2, meta: { has_next_results: false, has_previous_results: false },
      software: [
        { id: chromeTitle, name: 'Google Chrome.app', software_package: null, app_store_app: null, source: 'apps', browser: '', status: null, installed_versions: [{
          version: '116.0.5845.96', last_opened_at: '2024-04-29T14:13:20Z', vulnerabilities: ['CVE-2023-4863', 'CVE-2023-5217'], installed_paths: ['/Applications/Google Chrome.app'] }] },
        { id: expect.any(Number), name: 'Slack.app', software_package: null, app_store_app: null, source: 'apps', browser: '', status: null,
          installed_versions: [{ version: '4.35', vulnerabilities: [], installed_paths: [] }] },
      ],
    });
    expect(ok(await kit.call(sr.hostSoftware, { params: { id: hosts.macA }, query: { vulnerable: 'true' } }, admin)).software.map((s) => s.name)).toEqual(['Google Chrome.app']);
    expect(ok(await kit.call(sr.hostSoftware, { params: { id: hosts.macA }, query: { query: 'sla' } }, admin)).count).toBe(1);
    const teamBUser = { token: (await kit.user({ teams: [{ id: teamB, role: 'observer' }] })).token };
    expect((await kit.call(sr.hostSoftware, { params: { id: hosts.macA } }, teamBUser)).status).toBe(404);
  });

  it('lists CVEs newest first with host counts per scope, orders, filters and pages them', async () => {
    const list = ok(await kit.call(vr.list, {}, admin));
    expect(list.vulnerabilities.map((v) => [v.cve, v.hosts_count])).toEqual(expect.arrayContaining([['CVE-2023-4863', 2], ['CVE-2023-5217', 1], ['CVE-2024-0001', 1], ['CVE-2024-21412', 1]]));
    expect(list).toMatchObject({ count: 4, counts_updated_at: '2026-01-01T00:00:00Z' });
    expect(list.vulnerabilities.find((v) => v.cve === 'CVE-2024-21412')).toEqual({
      cve: 'CVE-2024-21412', created_at: expect.any(String), hosts_count: 1, hosts_count_updated_at: expect.any(String),
      details_link: 'https://nvd.nist.gov/vuln/detail/CVE-2024-21412', cvss_score: 8.1, epss_probability: null, cisa_known_exploit: true, cve_published: null,
      cve_description: 'Internet Shortcut Files Security Feature Bypass Vulnerability',
    });
    const cves = async (query: Record<string, string>) => ok(await kit.call(vr.list, { query }, admin)).vulnerabilities.map((v) => v.cve);
    expect(await cves({ order_key: 'cvss_score', order_direction: 'asc' })).toEqual(['CVE-2024-0001', 'CVE-2024-21412', 'CVE-2023-4863', 'CVE-2023-5217']);
    expect(await cves({ exploit: 'true', order_key: 'cve' })).toEqual(['CVE-2023-4863', 'CVE-2024-21412']);
    expect(await cves({ query: '2024-000' })).toEqual(['CVE-2024-0001']);
    expect(await cves({ team_id: String(teamA), order_key: 'cve' })).toEqual(['CVE-2023-4863', 'CVE-2023-5217']);
    expect(await cves({ team_id: '0', order_key: 'cve' })).toEqual(['CVE-2023-4863', 'CVE-2024-21412']);
    expect(ok(await kit.call(vr.list, { query: { per_page: '1', page: '0', order_key: 'cve' } }, admin)).meta).toEqual({ has_next_results: true, has_previous_results: false });
  });

  it('returns a CVE with the software and OS versions it affects; 204 when known but on none of the caller\'s hosts; 404 unknown; 400 malformed', async () => {
    const v = ok(await kit.call(vr.get, { params: { cve: 'cve-2023-4863' } }, admin))?.vulnerability;
    expect(v).toMatchObject({ cve: 'CVE-2023-4863', hosts_count: 2, cvss_score: 8.8, cisa_known_exploit: true, os_versions: [] });
    expect(v?.software.map((s) => [s.name, s.version, s.hosts_count, s.resolved_in_version]).sort()).toEqual([
      ['Google Chrome', '116.0.5845.96', 1, '116.0.5845.187'], ['Google Chrome.app', '116.0.5845.96', 1, '116.0.5845.187']]);
    const win = ok(await kit.call(vr.get, { params: { cve: 'CVE-2024-21412' } }, admin))?.vulnerability;
    expect(win?.os_versions).toEqual([{ os_version_id: expect.any(Number), hosts_count: 1, name: 'Windows 11 Pro 23H2 10.0.22631.3007', name_only: 'Windows 11 Pro 23H2',
      version: '10.0.22631.3007', platform: 'windows', resolved_in_version: '10.0.22631.3155', generated_cpes: [] }]);
    const known = await kit.call(vr.get, { params: { cve: 'CVE-2021-44228' } }, admin);
    expect([known.status, known.text]).toEqual([204, '']);
    expect((await kit.call(vr.get, { params: { cve: 'CVE-2024-0001' }, query: { team_id: String(teamA) } }, admin)).status).toBe(204);
    expect((await kit.call(vr.get, { params: { cve: 'CVE-1999-99999' } }, admin)).status).toBe(404);
    expect((await kit.call(vr.get, { params: { cve: 'CVE-23-1' } }, admin)).status).toBe(400);
  });

  it('lists OS versions with host counts and CVEs, Windows split into name and build as Fleet does', async () => {
    const list = ok(await kit.call(vr.osVersions, {}, admin));
    expect(list).toMatchObject({ count: 2, counts_updated_at: '2026-01-01T00:00:00Z' });
    expect(list.os_versions.map((o) => [o.name, o.hosts_count, o.vulnerabilities.map((v) => v.cve)])).toEqual([
      ['macOS 13.5.1', 2, []], ['Windows 11 Pro 23H2 10.0.22631.3007', 1, ['CVE-2024-21412']]]);
    const winId = list.os_versions[1]?.os_version_id ?? 0;
    const one = ok(await kit.call(vr.osVersion, { params: { id: winId } }, admin));
    expect(one.os_version).toMatchObject({ id: winId, os_version_id: winId, name_only: 'Windows 11 Pro 23H2', version: '10.0.22631.3007', platform: 'windows', hosts_count: 1 });
    expect(one.os_version.vulnerabilities[0]).toMatchObject({ cve: 'CVE-2024-21412', resolved_in_version: '10.0.22631.3155', cisa_known_exploit: true });
    expect(one.os_version.vulnerabilities_count).toBe(1);
    // max_vulnerabilities caps the list (the UI asks for 3), never the count.
    const capped = ok(await kit.call(vr.osVersions, { query: { max_vulnerabilities: '0' } }, admin));
    expect(capped.os_versions.map((o) => [o.vulnerabilities_count, o.vulnerabilities.length])).toEqual([[0, 0], [1, 0]]);
    expect(ok(await kit.call(vr.osVersions, { query: { max_vulnerabilities: '1' } }, admin)).os_versions[1]?.vulnerabilities.map((v) => v.cve)).toEqual(['CVE-2024-21412']);
    const oneCapped = ok(await kit.call(vr.osVersion, { params: { id: winId }, query: { max_vulnerabilities: '0' } }, admin));
    expect([oneCapped.os_version.vulnerabilities_count, oneCapped.os_version.vulnerabilities]).toEqual([1, []]);
    expect((await kit.call(vr.osVersions, { query: { max_vulnerabilities: '-1' } }, admin)).status).toBe(400);
    // Found by the fuzzer: a number past 2^53 reached SQL in exponent form (500).
    expect((await kit.call(vr.osVersion, { params: { id: winId }, query: { max_vulnerabilities: '18446744073709550592' } }, admin)).status).toBe(400);
    expect(ok(await kit.call(vr.osVersions, { query: { team_id: String(teamA) } }, admin)).os_versions.map((o) => o.hosts_count)).toEqual([1]);
    expect((await kit.call(vr.osVersion, { params: { id: winId }, query: { team_id: String(teamA) } }, admin)).status).toBe(404);
  });

  it('filters hosts by software title and by CVE (software or OS version)', async () => {
    const ids = async (query: Record<string, string>) => ok(await kit.call(hostRoutes.list, { query }, admin)).hosts.map((h) => h.id).sort((a, b) => a - b);
    expect(await ids({ software_title_id: String(chromeTitle) })).toEqual([hosts.macA, hosts.macB].sort((a, b) => a - b));
    expect(await ids({ vulnerability: 'cve-2023-4863' })).toEqual([hosts.macA, hosts.winNone].sort((a, b) => a - b));
    expect(await ids({ vulnerability: 'CVE-2024-21412' })).toEqual([hosts.winNone]);
    const both = await kit.call(hostRoutes.list, { query: { software_title_id: '1', software_id: '2' } }, admin);
    expect(both.status).toBe(400);
  });
});
