import { VulnerabilityCountsRepository } from '@fleet/persistence';
import { FleetSimulator } from '@fleet/simulator';
import { eventually } from '@fleet/testing';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ADMIN, adminHome, expectOk, fleetctl, startServer } from './fleetctl/support/fleetctl-harness';
import type { ServerHarness } from './fleetctl/support/fleetctl-harness';
import { WIDTHS, apiToken, launchUiBrowser, logInThroughUi, screenshot, seriousA11yViolations } from './support/admin-ui-browser';
import type { UiBrowser } from './support/admin-ui-browser';

const HOSTS = 8;
const SECRET = 'e2e-ui-software-secret';

interface Version { id: number; name: string; version: string; hosts_count: number }
interface Seeded { cve: string; cvss: number; epss: number; kev: boolean; published: string; on: Version }

/**
 * The software, vulnerabilities and OS versions pages of the built web UI, served by the built `fleet` binary
 * against simulated hosts. CVEs are recorded on two of the hosts' real software versions the way a
 * vulnerabilities run records them (software_cve + cve_meta, counts and summaries refreshed by the run's own
 * repository); every figure the pages must show is read back from the API, not written down.
 */
describe('web UI: software and vulnerabilities', () => {
  let server: ServerHarness;
  let sim: FleetSimulator;
  let ui: UiBrowser;
  let page: Page;
  let token: string;
  let seeded: Seeded[];

  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${server.url}/api/latest/fleet${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const rows = (testId: string) => page.getByTestId(testId).locator('tbody tr');
  const rowTexts = (testId: string) => rows(testId).allInnerTexts();

  beforeAll(async () => {
    server = await startServer('admin_ui_sw');
    const home = await adminHome(server);
    const spec = join(mkdtempSync(join(tmpdir(), 'ui-sw-')), 'specs.yml');
    writeFileSync(spec, `apiVersion: v1\nkind: enroll_secret\nspec:\n  secrets:\n    - secret: ${SECRET}\n`);
    await expectOk(fleetctl(home, ['apply', '-f', spec]));
    token = await apiToken(server.url, ADMIN);
    sim = new FleetSimulator({
      serverUrl: server.url, enrollSecret: SECRET, hosts: HOSTS, seed: 23,
      intervals: { distributedMs: 1000, configRefreshMs: 2000, loggerMs: 1000, scheduleSecondMs: 100 },
    });
    sim.start();
    // Every host's inventory stored before the CVEs are recorded: a version's host count read while inventories
    // still arrive grows afterwards, and the CVE list's count (read from the API below) then disagrees with the
    // page's.
    const versions = await eventually('every host with its software', async () => {
      const [stored] = await server.db.dataSource.query<Array<{ n: number }>>('SELECT COUNT(DISTINCT host_id) AS n FROM host_software');
      return {
        online: (await api<{ count: number }>('/hosts/count?status=online')).count,
        withSoftware: Number(stored?.n ?? 0),
        software: (await api<{ software: Version[] }>('/software/versions?per_page=50&order_key=hosts_count&order_direction=desc')).software,
      };
    }, (s) => s.online === HOSTS && s.withSoftware === HOSTS && s.software.length >= 2, 90_000);
    // Two CVEs on two different titles' versions: one critical and known exploited, one medium.
    const [a, b] = [versions.software[0], versions.software.find((v) => v.name !== versions.software[0]?.name)];
    if (!a || !b) throw new Error('not two titles');
    seeded = [
      { cve: 'CVE-2024-6387', cvss: 9.8, epss: 0.4372, kev: true, published: '2024-07-01', on: a },
      { cve: 'CVE-2023-4911', cvss: 5.5, epss: 0.0123, kev: false, published: '2023-10-03', on: b },
    ];
    const ds = server.db.dataSource;
    for (const s of seeded) {
      await ds.query('INSERT INTO cve_meta (cve, cvss_score, epss_probability, cisa_known_exploit, published, description) VALUES (?, ?, ?, ?, ?, ?)',
        [s.cve, s.cvss, s.epss, s.kev ? 1 : 0, new Date(`${s.published}T00:00:00Z`), `${s.cve} in ${s.on.name}`]);
      await ds.query("INSERT INTO software_cve (software_id, cve, source, resolved_in_version) VALUES (?, ?, 'nvd', NULL)", [s.on.id, s.cve]);
    }
    const counts = new VulnerabilityCountsRepository(ds);
    await counts.refreshCveCounts(seeded.map((s) => s.cve));
    await counts.refreshSummaries(seeded.map((s) => s.on.id));
    await counts.rebuildOsVersions(new Date());
    ui = await launchUiBrowser();
    page = ui.context.pages()[0] ?? await ui.context.newPage();
    await logInThroughUi(page, server.url, ADMIN);
  }, 180_000);

  afterAll(async () => {
    await ui?.close();
    await sim?.stop();
    await server?.close();
  });

  it('software: titles with versions, hosts and CVE counts; search and "vulnerable only" kept in the URL; a title\'s page lists its versions with their CVEs', async () => {
    const titles = await api<{ count: number; software_titles: Array<{ id: number; name: string; hosts_count: number }> }>('/software/titles?per_page=50');
    await page.getByRole('navigation').getByRole('link', { name: 'Software', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Software' }).waitFor();
    await page.getByText(`${titles.count} titles`).waitFor();
    expect(await rows('software-table').count()).toBe(Math.min(50, titles.count));
    const first = titles.software_titles[0];
    expect(await rows('software-table').first().innerText()).toContain(first?.name ?? '?');

    // The box's state is the URL's: it changes once the router has navigated, so click and wait for the URL.
    await page.getByLabel('Vulnerable only').click();
    await page.waitForURL(/vulnerable=true/);
    await eventually('only the two vulnerable titles', () => rowTexts('software-table'), (t) => t.length === 2, 15_000);
    const shown = await rowTexts('software-table');
    for (const s of seeded) expect(shown.some((t) => t.includes(s.on.name) && t.includes('1 CVE'))).toBe(true);

    await page.getByLabel('Vulnerable only').click();
    await eventually('the box unchecked', () => page.getByLabel('Vulnerable only').isChecked(), (c) => !c, 15_000);
    await page.getByLabel('Search software').fill(seeded[1]?.on.name ?? '');
    await page.waitForURL((u) => u.searchParams.get('query') === seeded[1]?.on.name);
    await eventually('the searched title first', () => rowTexts('software-table'), (t) => t.length >= 1 && (t[0] ?? '').includes(seeded[1]?.on.name ?? '?'), 15_000);
    await page.reload();
    await expect(page.getByLabel('Search software').inputValue()).resolves.toBe(seeded[1]?.on.name);

    await page.getByRole('link', { name: seeded[1]?.on.name, exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: seeded[1]?.on.name }).waitFor();
    const versions = await rowTexts('software-versions');
    expect(versions.some((t) => t.includes(seeded[1]?.on.version ?? '?') && t.includes(seeded[1]?.cve ?? '?'))).toBe(true);
    await page.getByRole('link', { name: seeded[1]?.cve }).click();
    await page.getByRole('heading', { level: 1, name: seeded[1]?.cve }).waitFor();
  }, 90_000);

  it('vulnerabilities: the CVE list with severity, EPSS, KEV, published date and hosts; known-exploited filter and search; a CVE\'s page', async () => {
    const listed = await api<{ vulnerabilities: Array<{ cve: string; hosts_count: number }> }>('/vulnerabilities');
    await page.goto(`${server.url}/vulnerabilities`);
    await page.getByRole('heading', { level: 1, name: 'Vulnerabilities' }).waitFor();
    await eventually('both CVEs listed', () => rowTexts('vulnerabilities-table'), (t) => t.length === listed.vulnerabilities.length, 15_000);
    const texts = await rowTexts('vulnerabilities-table');
    for (const s of seeded) {
      const row = texts.find((t) => t.includes(s.cve)) ?? '';
      const hosts = listed.vulnerabilities.find((v) => v.cve === s.cve)?.hosts_count;
      expect([s.cve, row.includes(s.cvss.toFixed(1)), row.includes(`${(s.epss * 100).toFixed(1)} %`), row.includes(s.published), row.includes('KEV'), row.trim().endsWith(String(hosts))])
        .toEqual([s.cve, true, true, true, s.kev, true]);
    }
    await page.getByLabel('Known exploited only (CISA KEV)').click();
    await page.waitForURL(/exploit=true/);
    await eventually('only the known-exploited CVE', () => rowTexts('vulnerabilities-table'), (t) => t.length === 1 && (t[0] ?? '').includes(seeded[0]?.cve ?? '?'), 15_000);
    await page.getByLabel('Known exploited only (CISA KEV)').click();
    await eventually('the box unchecked', () => page.getByLabel('Known exploited only (CISA KEV)').isChecked(), (c) => !c, 15_000);
    await page.getByLabel('Search vulnerabilities').fill(seeded[1]?.cve ?? '');
    await eventually('the searched CVE only', () => rowTexts('vulnerabilities-table'), (t) => t.length === 1 && (t[0] ?? '').includes(seeded[1]?.cve ?? '?'), 15_000);
    expect(page.url()).toContain(`query=${seeded[1]?.cve}`);

    await page.goto(`${server.url}/vulnerabilities/${seeded[0]?.cve}`);
    await page.getByRole('heading', { level: 1, name: seeded[0]?.cve }).waitFor();
    await page.getByText('Known exploited', { exact: true }).waitFor();
    const software = await rowTexts('cve-software');
    expect(software.some((t) => t.includes(seeded[0]?.on.name ?? '?') && t.includes(seeded[0]?.on.version ?? '?'))).toBe(true);
  }, 60_000);

  it('a host\'s software tab: each version\'s CVEs linked to NVD with CVSS severity, "vulnerable only", search by CVE, sort by severity', async () => {
    const critical = seeded[0];
    if (!critical) throw new Error('nothing seeded');
    const hosts = await api<{ hosts: Array<{ id: number }> }>(`/hosts?software_id=${critical.on.id}`);
    const hostId = hosts.hosts[0]?.id ?? 0;
    const detail = await api<{ host: { software: Array<{ name: string; version: string; vulnerabilities: Array<{ cve: string }> | null }> } }>(`/hosts/${hostId}`);
    const vulnerable = detail.host.software.filter((s) => (s.vulnerabilities?.length ?? 0) > 0);
    expect(vulnerable.some((s) => s.vulnerabilities?.some((v) => v.cve === critical.cve))).toBe(true);

    await page.goto(`${server.url}/hosts/${hostId}/software`);
    await page.getByRole('tab', { name: /Software/, selected: true }).waitFor();
    await eventually('the first page of software', () => rowTexts('host-software'), (t) => t.length === Math.min(50, detail.host.software.length), 15_000);
    const link = page.getByTestId('host-software').getByRole('link', { name: critical.cve });
    expect(await link.getAttribute('href')).toBe(`https://nvd.nist.gov/vuln/detail/${critical.cve}`);
    const row = rows('host-software').filter({ has: page.getByRole('link', { name: critical.cve }) });
    expect((await row.innerText()).toLowerCase()).toContain(`${critical.cvss.toFixed(1)} critical`);

    await page.getByLabel(`Vulnerable only (${vulnerable.length})`).click();
    await eventually('only the vulnerable versions', () => rowTexts('host-software'), (t) => t.length === vulnerable.length, 15_000);
    for (const s of vulnerable) expect((await rowTexts('host-software')).some((t) => t.includes(s.name) && t.includes(s.version))).toBe(true);
    await page.getByLabel(/^Vulnerable only/).click();

    await page.getByLabel('Search software').fill(critical.cve);
    await eventually('the version with the searched CVE', () => rowTexts('host-software'), (t) => t.length === 1 && (t[0] ?? '').includes(critical.on.name), 15_000);
    await page.getByLabel('Search software').fill('no-such-software-anywhere');
    await page.getByText('No software matches the search').waitFor();
    await page.getByLabel('Search software').fill('');

    // Vulnerabilities sort worst first on the first click.
    await page.getByTestId('host-software').getByRole('button', { name: /Vulnerabilities/ }).click();
    await eventually('the critical CVE on top', () => rowTexts('host-software'), (t) => (t[0] ?? '').includes(critical.cve), 15_000);
  }, 60_000);

  it('dashboard: the "Vulnerable software" card counts titles with CVEs, lists them by hosts, follows the team choice and links to the filtered software page', async () => {
    const vulnerable = await api<{ count: number; software_titles: Array<{ name: string; hosts_count: number }> }>('/software/titles?vulnerable=true&order_key=hosts_count&order_direction=desc');
    expect(vulnerable.count).toBe(new Set(seeded.map((s) => s.on.name)).size);
    const res = await fetch(`${server.url}/api/latest/fleet/teams`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Empty team for the card' }),
    });
    const team = ((await res.json()) as { team: { id: number } }).team;

    await page.goto(`${server.url}/dashboard`);
    const card = page.getByTestId('vulnerable-software-card');
    await card.getByTestId('vulnerable-software-count').waitFor();
    expect(await card.getByTestId('vulnerable-software-count').innerText()).toBe(String(vulnerable.count));
    const listed = await card.locator('tbody tr').allInnerTexts();
    // In the API's order (most hosts first), each with its host count.
    expect(listed.length).toBe(vulnerable.software_titles.length);
    vulnerable.software_titles.forEach((t, i) => expect([t.name, (listed[i] ?? '').includes(t.name), (listed[i] ?? '').trim().endsWith(String(t.hosts_count))]).toEqual([t.name, true, true]));

    await page.getByRole('combobox', { name: 'Team' }).selectOption(String(team.id));
    await page.waitForURL(new RegExp(`team_id=${team.id}`));
    await card.getByText('No known vulnerabilities').waitFor();
    await page.getByRole('combobox', { name: 'Team' }).selectOption('');
    await card.getByTestId('vulnerable-software-count').waitFor();

    await card.getByRole('link', { name: 'All vulnerable software' }).click();
    await page.waitForURL(/\/software\?vulnerable=true/);
    await page.getByRole('heading', { level: 1, name: 'Software' }).waitFor();
    await eventually('the vulnerable titles', () => rowTexts('software-table'), (t) => t.length === vulnerable.count, 15_000);
  }, 60_000);

  it('OS versions: each version with its host count', async () => {
    const os = await api<{ os_versions: Array<{ name: string; hosts_count: number }> }>('/os_versions');
    await page.goto(`${server.url}/software/os`);
    await page.getByRole('heading', { level: 1, name: 'OS versions' }).waitFor();
    await eventually('every OS version listed', () => rowTexts('os-versions-table'), (t) => t.length === os.os_versions.length && t.length > 0, 15_000);
    const texts = await rowTexts('os-versions-table');
    for (const o of os.os_versions) expect(texts.some((t) => t.includes(o.name) && t.trim().endsWith(String(o.hosts_count)))).toBe(true);
    expect(os.os_versions.reduce((n, o) => n + o.hosts_count, 0)).toBe(HOSTS);
  }, 60_000);

  it('every page: no critical or serious axe violation, one h1, and a screenshot at 1280 and 390 px', async () => {
    const title = (await api<{ software_titles: Array<{ id: number; name: string }> }>(`/software/titles?query=${encodeURIComponent(seeded[0]?.on.name ?? '')}`)).software_titles[0];
    const host = (await api<{ hosts: Array<{ id: number; display_name: string }> }>(`/hosts?software_id=${seeded[0]?.on.id ?? 0}`)).hosts[0];
    const pages = [
      { name: 'software', path: '/software', ready: 'Software' },
      { name: 'software-vulnerable', path: '/software?vulnerable=true', ready: 'Software' },
      { name: 'software-title', path: `/software/titles/${title?.id ?? 0}`, ready: title?.name ?? '?' },
      { name: 'vulnerabilities', path: '/vulnerabilities', ready: 'Vulnerabilities' },
      { name: 'vulnerability', path: `/vulnerabilities/${seeded[0]?.cve}`, ready: seeded[0]?.cve ?? '?' },
      { name: 'os-versions', path: '/software/os', ready: 'OS versions' },
      { name: 'dashboard-vulnerable', path: '/dashboard', ready: 'Dashboard' },
      { name: 'host-software', path: `/hosts/${host?.id ?? 0}/software`, ready: host?.display_name ?? '?' },
    ];
    const failures: string[] = [];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      for (const p of pages) {
        await page.goto(`${server.url}${p.path}`);
        await page.getByRole('heading', { level: 1, name: p.ready }).waitFor();
        await page.waitForLoadState('networkidle');
        expect([p.name, await page.locator('h1').count()]).toEqual([p.name, 1]);
        failures.push(...(await seriousA11yViolations(page)).map((v) => `${p.name} @${width}: ${v}`));
        await screenshot(page, p.name);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
