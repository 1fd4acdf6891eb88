import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { VulnerabilityCountsRepository } from '@fleet/persistence';
import { FleetSimulator } from '@fleet/simulator';
import { eventually } from '@fleet/testing';
import { ADMIN, adminHome, expectOk, fleetctl, startServer } from './fleetctl/support/fleetctl-harness';
import type { ServerHarness } from './fleetctl/support/fleetctl-harness';
import { WIDTHS, apiToken, launchUiBrowser, screenshot, seriousA11yViolations } from './support/admin-ui-browser';
import type { UiBrowser } from './support/admin-ui-browser';

const HOSTS = 20;
const SECRET = 'e2e-ui-secret';
const POLICY = 'Is macOS';
const SCHEDULED = 'osquery version';
const SPECS = `apiVersion: v1
kind: enroll_secret
spec:
  secrets:
    - secret: ${SECRET}
---
apiVersion: v1
kind: team
spec:
  team:
    name: Servers
---
apiVersion: v1
kind: policy
spec:
  name: ${POLICY}
  query: SELECT 1 FROM os_version WHERE platform = 'darwin';
  resolution: Use a Mac.
---
apiVersion: v1
kind: query
spec:
  name: ${SCHEDULED}
  query: SELECT version FROM osquery_info;
  interval: 10
`;

type Json = Record<string, unknown> & { [k: string]: unknown };
interface ListedHost { id: number; hostname: string; display_name: string; platform: string; team_id: number | null; uptime: number }

/**
 * The built web UI, served by the built `fleet` binary and driven in Debian's Chromium against 20 simulated
 * hosts: every page and action of the dashboard, host list, host page and Add hosts dialog (the live query and
 * saved queries pages: admin-ui-queries.spec.ts); axe-core on every page at 1280 and 390 px; a screenshot of
 * every page at both widths (e2e/screenshots/).
 */
describe('web UI', () => {
  let server: ServerHarness;
  let home: string;
  let sim: FleetSimulator;
  let ui: UiBrowser;
  let page: Page;
  let token: string;

  const api = async <T = Json>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> => {
    const res = await fetch(`${server.url}/api/latest/fleet${path}`, {
      method: init.method ?? 'GET', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const hosts = async (query = '') => (await api<{ hosts: ListedHost[] }>(`/hosts?per_page=500&order_key=hostname&${query}`)).hosts;
  const count = async (query: string) => (await api<{ count: number }>(`/hosts/count?${query}`)).count;
  const rows = () => page.getByTestId('hosts-table').locator('tbody tr');
  const rowCount = (n: number, what: string) => eventually(what, () => rows().count(), (c) => c === n, 15_000);
  const pick = async (label: string, option: string) => {
    await page.getByRole('combobox', { name: label, exact: true }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  };

  beforeAll(async () => {
    server = await startServer('admin_ui');
    home = await adminHome(server);
    const spec = join(mkdtempSync(join(tmpdir(), 'ui-')), 'specs.yml');
    writeFileSync(spec, SPECS);
    await expectOk(fleetctl(home, ['apply', '-f', spec]));
    token = await apiToken(server.url, ADMIN);
    sim = new FleetSimulator({
      serverUrl: server.url, enrollSecret: SECRET, hosts: HOSTS, seed: 11,
      intervals: { distributedMs: 1000, configRefreshMs: 2000, loggerMs: 1000, scheduleSecondMs: 100 },
    });
    sim.start();
    ui = await launchUiBrowser();
    await ui.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    page = ui.context.pages()[0] ?? await ui.context.newPage();
    // Every host enrolled, answered its detail queries (software) and its policy.
    await eventually('hosts with software and policy answers', async () => ({
      online: await count('status=online'), software: (await api<{ count: number }>('/software/count')).count,
      answered: (await api<{ policies: Array<{ passing_host_count: number; failing_host_count: number }> }>('/global/policies')).policies
        .reduce((n, p) => n + p.passing_host_count + p.failing_host_count, 0),
    }), (s) => s.online === HOSTS && s.software > 0 && s.answered === HOSTS, 90_000);
    await expectOk(fleetctl(home, ['trigger', '--name', 'cleanups_then_aggregation']));
    // OS version counts are aggregated by each vulnerabilities run (as Fleet's are); run that aggregation alone,
    // without the feed downloads of a whole run.
    await new VulnerabilityCountsRepository(server.db.dataSource).rebuildOsVersions(new Date());
    await eventually('a recorded history point', async () => (await api<{ points: unknown[] }>('/host_summary/history')).points.length, (n) => n > 0);
  }, 180_000);

  afterAll(async () => {
    await ui?.close();
    await sim?.stop();
    await server?.close();
  });

  it('sends a visitor to the login page and back, refuses a wrong password, and serves the app at every page path', async () => {
    await page.goto(`${server.url}/hosts/manage?status=online`);
    await page.waitForURL(/\/login\?next=/);
    await page.getByLabel('Email', { exact: true }).fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill('not-the-password1!');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText('Login failed').waitFor();
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/hosts\/manage\?status=online$/);
    await page.getByRole('heading', { level: 1, name: 'Hosts' }).waitFor();
    // Paths the app has no page for get the app (and its own "not found" page), never the router's JSON.
    for (const path of ['/no-such-page', '/profile/settings', '/hosts/1/details/extra']) {
      await page.goto(`${server.url}${path}`);
      await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    }
    expect((await fetch(`${server.url}/api/latest/fleet/nope`)).headers.get('content-type')).toMatch(/application\/json/);
    const script = (await page.locator('script[type=module]').getAttribute('src')) ?? '';
    const asset = await fetch(`${server.url}${script}`, { headers: { 'accept-encoding': 'br' } });
    expect([asset.headers.get('content-encoding'), asset.headers.get('cache-control')]).toEqual(['br', 'public, max-age=31536000, immutable']);
    const icon = await fetch(`${server.url}/favicon.ico`);
    expect([icon.status, icon.headers.get('content-type')]).toEqual([200, 'image/x-icon']);
  }, 60_000);

  it('dashboard: counts per status, the recorded online history, platforms, software, OS versions, failing policies and activity', async () => {
    const darwin = (await hosts()).filter((h) => h.platform === 'darwin').length;
    await page.goto(`${server.url}/dashboard`);
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await eventually('total and online counts', async () => [await page.getByTestId('count-total').textContent(), await page.getByTestId('count-online').textContent()],
      (v) => v[0] === String(HOSTS) && v[1] === String(HOSTS));
    const chart = page.getByRole('figure', { name: 'Online hosts chart' });
    await chart.locator('svg').first().waitFor();
    expect(await chart.locator('figcaption').textContent()).toContain(`${HOSTS} of ${HOSTS} hosts online`);
    await page.getByText('7 days', { exact: true }).click();
    await page.waitForURL(/range=7d/);
    await chart.locator('svg').first().waitFor();
    await page.getByRole('list', { name: 'Platforms' }).getByRole('link').first().waitFor();
    await page.getByRole('table', { name: 'Most installed software' }).locator('tbody tr').first().waitFor();
    const osRows = page.getByRole('table', { name: 'Operating system versions' }).locator('tbody tr');
    await osRows.first().waitFor();
    const top = (await api<{ os_versions: Array<{ name: string; hosts_count: number }> }>('/os_versions?per_page=8&page=0')).os_versions;
    expect(await osRows.locator('td:last-child').allTextContents()).toEqual(top.map((v) => String(v.hosts_count)));
    const failing = page.getByRole('table', { name: 'Failing policies' }).locator('tbody tr', { hasText: POLICY });
    expect(await failing.locator('td').last().textContent()).toBe(String(HOSTS - darwin));
    await page.getByRole('list', { name: 'Recent activity' }).getByText(/applied|logged in/).first().waitFor();
    // A card opens the host list with its filter.
    await failing.getByRole('link', { name: POLICY }).click();
    await page.waitForURL(/\/hosts\/manage\?.*policy_response=failing/);
    await rowCount(HOSTS - darwin, 'failing hosts listed');
    await page.goto(`${server.url}/dashboard`);
    await page.getByLabel('Team', { exact: true }).selectOption({ label: 'Servers' });
    await page.waitForURL(/team_id=\d+/);
    await eventually('the empty team', () => page.getByTestId('count-total').textContent(), (t) => t === '0');
  }, 60_000);

  it('host list: server-side sorting, every filter in the URL, a column choice kept per user and pages that survive a reload', async () => {
    const all = await hosts();
    await page.goto(`${server.url}/hosts/manage`);
    await rowCount(HOSTS, 'every host');
    expect(await page.getByRole('heading', { level: 1, name: 'Hosts' }).isVisible()).toBe(true);
    // Sorting: by host name (desc) then by last seen, each a new server query.
    await page.getByRole('button', { name: /^Host/ }).click();
    await page.waitForURL(/order_direction=desc/);
    const names = async () => rows().locator('td:nth-child(2)').allTextContents();
    const descending = (await api<{ hosts: ListedHost[] }>('/hosts?order_key=display_name&order_direction=desc')).hosts.map((h) => h.display_name || h.hostname);
    await eventually('the server\'s descending order', names, (n) => n.join() === descending.join());
    expect(descending.join()).not.toBe([...descending].reverse().join());
    expect(await page.getByRole('columnheader', { name: /^Host/ }).getAttribute('aria-sort')).toBe('descending');
    await page.getByRole('button', { name: /^Last seen/ }).click();
    await page.waitForURL(/order_key=seen_time/);
    // Filters, each compared with the API's count for the same filter.
    await pick('Status', 'Online');
    await page.waitForURL(/status=online/);
    await rowCount(await count('status=online'), 'online hosts');
    const platform = all[0]?.platform ?? 'ubuntu';
    await pick('Platform', platform);
    await rowCount(await count(`status=online&platform=${platform}`), 'online hosts of the platform');
    await page.reload();
    await rowCount(await count(`status=online&platform=${platform}`), 'the same view after a reload');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await rowCount(HOSTS, 'every host again');
    const one = all[3];
    await page.getByLabel('Search hosts').fill(one.hostname);
    await rowCount(1, 'one search result');
    await page.getByLabel('Clear search').click();
    const policyId = (await api<{ policies: Array<{ id: number; name: string }> }>('/global/policies')).policies.find((p) => p.name === POLICY)?.id ?? 0;
    await pick('Policy', POLICY);
    await page.waitForURL(/policy_response=failing/);
    await rowCount(await count(`policy_id=${policyId}&policy_response=failing`), 'hosts failing the policy');
    await page.getByRole('radiogroup', { name: 'Policy response' }).getByText('Passing').click();
    await rowCount(await count(`policy_id=${policyId}&policy_response=passing`), 'hosts passing the policy');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    const label = (await api<{ labels: Array<{ id: number; name: string }> }>('/labels')).labels.find((l) => l.name === 'All Hosts');
    await pick('Label', 'All Hosts');
    await rowCount(await count(`label_id=${label?.id ?? 0}`), 'hosts with the label');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    const software = (await api<{ software: Array<{ id: number; name: string; version: string; hosts_count: number }> }>('/software/versions?per_page=1&order_key=hosts_count&order_direction=desc')).software[0];
    await page.getByRole('combobox', { name: 'Software' }).fill(software?.name ?? '');
    await page.getByRole('option', { name: `${software?.name ?? ''} ${software?.version ?? ''}`.trim() }).click();
    await rowCount(software?.hosts_count ?? -1, 'hosts with the software');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    // Columns: choose Serial; the choice survives a reload (localStorage, per user).
    expect(await page.getByRole('columnheader', { name: /^Serial/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('checkbox', { name: 'Serial' }).check();
    await page.getByRole('columnheader', { name: /^Serial/ }).waitFor();
    await page.reload();
    await page.getByRole('columnheader', { name: /^Serial/ }).waitFor();
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('checkbox', { name: 'Serial' }).uncheck();
    await page.keyboard.press('Escape');
  }, 90_000);

  it('exports the filtered host list as CSV from the streamed report', async () => {
    await page.goto(`${server.url}/hosts/manage?status=online&order_key=hostname`);
    await rowCount(await count('status=online'), 'online hosts');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^hosts-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = readFileSync(await download.path(), 'utf8').trimEnd().split('\n');
    expect(lines[0]?.startsWith('id,hostname,display_text,status')).toBe(true);
    expect(lines.length - 1).toBe(await count('status=online'));
    await page.getByText(/Exported \d+ hosts/).waitFor();
  }, 60_000);

  it('selects hosts to transfer them, query them live and delete one, with confirmation and notifications', async () => {
    await page.goto(`${server.url}/hosts/manage?order_key=hostname`);
    await rowCount(HOSTS, 'every host');
    const picked = (await hosts()).slice(0, 2);
    for (const h of picked) await page.getByRole('checkbox', { name: `Select ${h.display_name || h.hostname}` }).check();
    await page.getByText('2 selected').waitFor();
    await page.getByRole('region', { name: 'Selected hosts' }).getByRole('button', { name: 'Transfer' }).click();
    const dialog = page.getByRole('dialog', { name: 'Transfer 2 hosts' });
    await dialog.getByRole('combobox', { name: 'Team' }).click();
    await page.getByRole('option', { name: 'Servers' }).click();
    await dialog.getByRole('button', { name: 'Transfer' }).click();
    await page.getByText('Transferred 2 hosts').waitFor();
    const servers = (await api<{ teams: Array<{ id: number; name: string }> }>('/teams')).teams.find((t) => t.name === 'Servers');
    expect((await hosts(`team_id=${servers?.id ?? 0}`)).map((h) => h.id).sort()).toEqual(picked.map((h) => h.id).sort());
    for (const h of picked) await page.getByRole('checkbox', { name: `Select ${h.display_name || h.hostname}` }).check();
    await page.getByRole('button', { name: 'Run live query' }).click();
    await page.waitForURL(/\/live-query\?host_ids=/);
    expect(new URL(page.url()).searchParams.get('host_ids')?.split(',').map(Number).sort()).toEqual(picked.map((h) => h.id).sort());
    await page.getByTestId('target-counts').filter({ hasText: '2 host(s) targeted' }).waitFor();
    await page.goBack();
    const victim = (await hosts())[5];
    await rowCount(HOSTS, 'every host');
    await page.getByRole('checkbox', { name: `Select ${victim.display_name || victim.hostname}` }).check();
    await page.getByRole('region', { name: 'Selected hosts' }).getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete this host?' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await hosts().then((l) => l.some((h) => h.id === victim.id))).toBe(true);
    await page.getByRole('region', { name: 'Selected hosts' }).getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: 'Delete this host?' }).getByRole('button', { name: 'Delete host' }).click();
    await page.getByText('Deleted 1 host').waitFor();
    expect(await hosts().then((l) => l.some((h) => h.id === victim.id))).toBe(false);
  }, 60_000);

  it('host page: tabs in the URL, refetch with live progress, the query report, labels and activity; transfer and delete', async () => {
    const darwinHost = (await hosts('platform=darwin'))[0];
    const name = darwinHost.display_name || darwinHost.hostname;
    await page.goto(`${server.url}/hosts/manage?platform=darwin`);
    await page.getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(name) }).waitFor();
    for (const section of ['Vitals', 'Disk', 'Network', 'Users']) await page.getByRole('heading', { level: 2, name: section }).waitFor();
    // The API's uptime is in nanoseconds (Fleet's Go duration); the page shows the whole days the host reported.
    const days = Math.floor(darwinHost.uptime / 1e9 / 86_400);
    const uptime = await page.locator('dt', { hasText: /^Uptime$/ }).locator('xpath=following-sibling::dd[1]').textContent();
    expect(uptime).toMatch(days > 0 ? new RegExp(`^${days} days?\\b`) : /^(\d+ (hours?|minutes?)|less than a minute)/);
    await page.getByRole('tab', { name: /^Software/ }).click();
    await page.waitForURL(new RegExp(`/hosts/${darwinHost.id}/software$`));
    const software = page.getByTestId('host-software').locator('tbody tr');
    await software.first().waitFor();
    const first = (await software.first().locator('td').first().textContent()) ?? '';
    await page.getByLabel('Search software').fill(first);
    await eventually('software search', () => software.count(), (n) => n >= 1);
    expect(await software.locator('td:first-child').allTextContents()).toContain(first);
    await page.getByLabel('Search software').fill('');
    await page.getByRole('button', { name: /^Version/ }).click();
    expect(await page.getByRole('columnheader', { name: /^Version/ }).getAttribute('aria-sort')).toBe('ascending');
    await page.getByRole('tab', { name: /^Policies/ }).click();
    await page.getByTestId('host-policies').locator('tr', { hasText: POLICY }).getByText('Passing').waitFor();
    await page.getByRole('tab', { name: 'Queries' }).click();
    await eventually('a stored report', async () => (await api<{ queries: Array<{ id: number; name: string }> }>('/queries')).queries.find((q) => q.name === SCHEDULED)?.id ?? 0, (id) => id > 0);
    const scheduledId = (await api<{ queries: Array<{ id: number; name: string }> }>('/queries')).queries.find((q) => q.name === SCHEDULED)?.id ?? 0;
    await eventually('the host reported the scheduled query', async () => (await api<{ results: unknown[] }>(`/hosts/${darwinHost.id}/queries/${scheduledId}`)).results.length, (n) => n > 0, 60_000);
    await page.getByRole('button', { name: `Show report: ${SCHEDULED}` }).click();
    const report = page.getByRole('dialog', { name: `Report: ${SCHEDULED}` });
    await report.getByRole('table').getByRole('columnheader', { name: 'version' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: /^Labels/ }).click();
    await page.getByRole('list', { name: 'Labels' }).getByText('All Hosts').waitFor();
    // Refetch: the progress shows until the host has sent fresh details, then a notification says so.
    await page.getByRole('tab', { name: 'Details' }).click();
    await page.getByRole('button', { name: 'Refetch' }).click();
    await page.getByTestId('refetch-progress').waitFor();
    await page.getByText(`${name} sent fresh details`).waitFor({ timeout: 30_000 });
    await page.getByTestId('refetch-progress').waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: 'Activity' }).click();
    await page.getByRole('list', { name: 'Host activity' }).getByText(`refetched host ${darwinHost.hostname}`).waitFor();
    // Query this host: the live-query page with it selected.
    await page.getByRole('link', { name: 'Query', exact: true }).click();
    await page.waitForURL(new RegExp(`/live-query\\?host_ids=${darwinHost.id}$`));
    await page.goBack();
    await page.getByRole('button', { name: 'Transfer' }).click();
    await page.getByRole('dialog', { name: 'Transfer host' }).getByRole('combobox', { name: 'Team' }).click();
    await page.getByRole('option', { name: 'Servers' }).click();
    await page.getByRole('dialog', { name: 'Transfer host' }).getByRole('button', { name: 'Transfer' }).click();
    await page.getByText('Servers · last seen').waitFor();
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: `Delete ${name}?` }).getByRole('button', { name: 'Delete host' }).click();
    await page.waitForURL(/\/hosts\/manage$/);
    expect((await fetch(`${server.url}/api/latest/fleet/hosts/${darwinHost.id}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
  }, 120_000);

  it('add hosts: the enroll secret with copy and rotate, the flagfile download and the command per platform', async () => {
    await page.goto(`${server.url}/hosts/manage`);
    await page.getByRole('link', { name: 'Add hosts' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add hosts' });
    await eventually('the global secret', () => dialog.getByLabel('Enroll secret', { exact: true }).inputValue(), (v) => v === SECRET);
    await dialog.getByRole('button', { name: 'Copy enroll secret' }).click();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(SECRET);
    const [flags] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download osquery.flags' }).click()]);
    const flagfile = readFileSync(await flags.path(), 'utf8');
    expect(flagfile).toContain(`--tls_hostname=${new URL(server.url).host}\n`);
    expect(flagfile).toContain('--enroll_secret_path=/var/osquery/secret.txt\n');
    expect(flagfile).toContain('--enroll_tls_endpoint=/api/osquery/enroll\n');
    expect(await dialog.getByText('sudo osqueryd --flagfile=/var/osquery/osquery.flags').count()).toBe(1);
    await dialog.getByRole('tab', { name: 'Windows' }).click();
    await dialog.getByText('& "C:\\Program Files\\osquery\\osqueryd\\osqueryd.exe" --flagfile="C:\\Program Files\\osquery\\osquery.flags"').waitFor();
    await dialog.getByRole('tab', { name: 'Linux' }).click();
    await dialog.getByText('sudo osqueryd --flagfile=/etc/osquery/osquery.flags').waitFor();
    // Rotate the team's secret (the global one keeps enrolling the simulated hosts).
    await dialog.getByRole('combobox', { name: 'Team' }).click();
    await page.getByRole('option', { name: 'Servers' }).click();
    await dialog.getByRole('button', { name: /^(Create|Rotate)$/ }).click();
    await page.getByRole('dialog', { name: 'Rotate the enroll secret?' }).getByRole('button', { name: 'Rotate secret' }).click();
    await page.getByText('Enroll secret rotated').waitFor();
    const servers = (await api<{ teams: Array<{ id: number; name: string }> }>('/teams')).teams.find((t) => t.name === 'Servers');
    const teamSecret = (await api<{ secrets: Array<{ secret: string }> }>(`/teams/${servers?.id ?? 0}/secrets`)).secrets[0]?.secret ?? '';
    expect(teamSecret).toMatch(/^[A-Za-z0-9+/]{32}$/);
    await eventually('the rotated secret shown', () => dialog.getByLabel('Enroll secret', { exact: true }).inputValue(), (v) => v === teamSecret);
    await page.keyboard.press('Escape');
    await page.waitForURL((url) => !url.search.includes('add_hosts'));
  }, 60_000);

  it('every page: no critical or serious axe violation, one h1, and a screenshot at 1280 and 390 px; the navigation folds behind a burger on phones', async () => {
    const someHost = (await hosts())[0];
    const pages: Array<{ name: string; path: string; ready: string }> = [
      { name: 'dashboard', path: '/dashboard', ready: 'Dashboard' },
      { name: 'hosts', path: '/hosts/manage', ready: 'Hosts' },
      { name: 'hosts-filtered', path: '/hosts/manage?status=online&platform=ubuntu', ready: 'Hosts' },
      { name: 'host-details', path: `/hosts/${someHost.id}`, ready: someHost.display_name || someHost.hostname },
      { name: 'host-software', path: `/hosts/${someHost.id}/software`, ready: someHost.display_name || someHost.hostname },
      { name: 'host-policies', path: `/hosts/${someHost.id}/policies`, ready: someHost.display_name || someHost.hostname },
      { name: 'host-queries', path: `/hosts/${someHost.id}/queries`, ready: someHost.display_name || someHost.hostname },
      { name: 'host-labels', path: `/hosts/${someHost.id}/labels`, ready: someHost.display_name || someHost.hostname },
      { name: 'host-activity', path: `/hosts/${someHost.id}/activity`, ready: someHost.display_name || someHost.hostname },
      { name: 'add-hosts', path: '/hosts/manage?add_hosts=1', ready: 'Hosts' },
      { name: 'live-query', path: '/live-query', ready: 'Live query' },
      { name: 'queries', path: '/queries', ready: 'Queries' },
      { name: 'policies', path: '/policies', ready: 'Policies' },
      { name: 'activity', path: '/activity', ready: 'Activity' },
      { name: 'not-found', path: '/no-such-page', ready: 'Page not found' },
    ];
    const failures: string[] = [];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      for (const p of pages) {
        await page.goto(`${server.url}${p.path}`);
        await page.getByRole('heading', { level: 1, name: p.ready }).waitFor();
        await page.waitForLoadState('networkidle');
        if (p.name === 'add-hosts') await page.getByRole('dialog', { name: 'Add hosts' }).getByLabel('Enroll secret', { exact: true }).waitFor();
        if (p.name === 'dashboard') await page.getByRole('figure', { name: 'Online hosts chart' }).locator('svg').first().waitFor();
        expect([p.name, await page.locator('h1').count()]).toEqual([p.name, 1]);
        failures.push(...(await seriousA11yViolations(page)).map((v) => `${p.name} @${width}: ${v}`));
        await screenshot(page, p.name, { fullPage: p.name !== 'add-hosts' });
      }
    }
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${server.url}/login`);
      await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
      failures.push(...(await seriousA11yViolations(page)).map((v) => `login @${width}: ${v}`));
      await screenshot(page, 'login');
    }
    expect(failures).toEqual([]);
    // Phone width: the navigation is hidden until the menu button opens it, and closes after a choice.
    await page.goto(`${server.url}/dashboard`);
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    const nav = page.locator('#main-navigation');
    const onScreen = async () => { const box = await nav.boundingBox(); return box !== null && box.x + box.width > 0; };
    await eventually('navigation folded away', onScreen, (v) => !v);
    expect(await nav.getAttribute('inert')).not.toBeNull();
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await eventually('navigation shown', onScreen, (v) => v);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Hosts' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hosts' }).waitFor();
    await eventually('navigation closed', onScreen, (v) => !v);
    await page.setViewportSize({ width: WIDTHS[0], height: 900 });
  }, 600_000); // 34 page loads with axe: minutes when another browser test shares the two cores
});

describe('web UI under server.url_prefix', () => {
  it('serves its pages, assets, API calls and login under the prefix', async () => {
    const server = await startServer('admin_ui_prefix', ['--server_url_prefix=/fleet']);
    const ui = await launchUiBrowser();
    try {
      const home = server.home();
      await expectOk(fleetctl(home, ['config', 'set', '--address', server.url, '--url-prefix', '/fleet']));
      await expectOk(fleetctl(home, ['setup', '--email', ADMIN.email, '--name', ADMIN.name, '--password', ADMIN.password, '--org-name', ADMIN.org]));
      const page = ui.context.pages()[0] ?? await ui.context.newPage();
      await page.goto(`${server.url}/fleet/hosts/manage`);
      await page.waitForURL(/\/fleet\/login\?next=/);
      await page.getByLabel('Email', { exact: true }).fill(ADMIN.email);
      await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.waitForURL(/\/fleet\/hosts\/manage$/);
      await page.getByText('No hosts yet').waitFor();
      await page.goto(`${server.url}/fleet/dashboard`);
      expect(await page.getByTestId('count-total').textContent()).toBe('0');
      expect((await fetch(`${server.url}/fleet/favicon.ico`)).status).toBe(200);
    } finally {
      await ui.close();
      await server.close();
    }
  }, 60_000);
});
