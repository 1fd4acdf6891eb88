import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { FleetSimulator } from '@fleet/simulator';
import { eventually } from '@fleet/testing';
import { ADMIN, adminHome, expectOk, fleetctl, startServer } from './fleetctl/support/fleetctl-harness';
import type { ServerHarness } from './fleetctl/support/fleetctl-harness';

const HOSTS = 20;
const SECRET = 'e2e-ui-secret';
/** Debian's Chromium, as the machine notes require (no Playwright browser download is reachable). */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

/** The built web UI, served by the built `fleet` binary, driven in headless Chromium against 20 simulated hosts. */
describe('web UI', () => {
  let server: ServerHarness;
  let sim: FleetSimulator;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer('admin_ui');
    const home = await adminHome(server);
    const spec = join(mkdtempSync(join(tmpdir(), 'ui-')), 'secret.yml');
    writeFileSync(spec, `apiVersion: v1\nkind: enroll_secret\nspec:\n  secrets:\n    - secret: ${SECRET}\n`);
    await expectOk(fleetctl(home, ['apply', '-f', spec]));
    sim = new FleetSimulator({ serverUrl: server.url, enrollSecret: SECRET, hosts: HOSTS, seed: 11, intervals: { distributedMs: 1000, configRefreshMs: 5000, loggerMs: 5000 } });
    sim.start();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await sim?.stop();
    await server?.close();
  });

  it('sends a visitor without a session to the login page and refuses a wrong password', async () => {
    await page.goto(`${server.url}/hosts`);
    await page.waitForURL(/\/login$/);
    await page.locator('input[name=email]').fill(ADMIN.email);
    await page.locator('input[name=password]').fill('not-the-password1!');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText('Login failed').waitFor();
    const asset = (await page.locator('script[type=module]').getAttribute('src')) ?? '';
    const res = await fetch(`${server.url}${asset}`);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${server.url}/assets/..%2F..%2Fpackage.json`)).status).toBe(404);
  });

  it('logs in and lists every host with its status, counts and search', async () => {
    await page.locator('input[name=password]').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/hosts$/);
    const rows = page.getByTestId('hosts-table').locator('tbody tr');
    await eventually('every host listed', async () => { await page.reload(); await rows.first().waitFor(); return rows.count(); }, (n) => n === HOSTS, 60_000);
    expect(await page.getByTestId('hosts-table').getByText('online', { exact: true }).count()).toBe(HOSTS);
    expect(await page.getByTestId('count-online').textContent()).toBe(String(HOSTS));
    const first = (await rows.first().locator('td').first().textContent()) ?? '';
    await page.getByPlaceholder('Search hostname, UUID, serial or IP').fill(first);
    await page.screenshot({ path: join(tmpdir(), 'fleet-ui-hosts.png') });
    await eventually('one search result', () => rows.count(), (n) => n === 1);
  }, 90_000);

  it('shows a host\'s vitals, labels and software', async () => {
    const link = page.getByTestId('hosts-table').locator('tbody tr a').first();
    const name = (await link.textContent()) ?? '';
    await link.click();
    await page.getByRole('heading', { name }).waitFor();
    await page.getByText('All Hosts', { exact: true }).waitFor();
    await eventually('software', async () => { await page.reload(); await page.getByRole('heading', { name }).waitFor(); return page.getByTestId('host-software').locator('tbody tr').count(); },
      (n) => n > 0);
    expect(await page.getByText('osquery', { exact: true }).count()).toBe(1);
    await page.screenshot({ path: join(tmpdir(), 'fleet-ui-host.png') });
  }, 60_000);

  it('runs a live query on every host and shows each host\'s row as it arrives', async () => {
    await page.getByRole('link', { name: 'Live query' }).click();
    await page.getByLabel('SQL').fill('SELECT hostname FROM system_info;');
    await page.getByRole('button', { name: 'Run' }).click();
    await page.getByTestId('live-progress').filter({ hasText: `${HOSTS} of ${HOSTS} online hosts responded` }).waitFor({ timeout: 30_000 });
    const cells = await page.getByTestId('live-results').locator('tbody tr td:nth-child(2)').allTextContents();
    expect(cells).toHaveLength(HOSTS);
    expect(new Set(cells).size).toBe(HOSTS);
    await page.screenshot({ path: join(tmpdir(), 'fleet-ui-live-query.png') });
  }, 60_000);

  it('creates, edits and deletes a saved query, and shows the server\'s refusal of a duplicate name', async () => {
    const row = (name: string) => page.locator('tbody tr', { has: page.getByRole('link', { name, exact: true }) });
    const fillQuery = async (name: string, sql: string, interval: string) => {
      await page.getByRole('link', { name: 'New query' }).click();
      await page.locator('input[name=name]').fill(name);
      await page.locator('textarea[name=query]').fill(sql);
      await page.locator('input[name=interval]').fill(interval);
      await page.getByRole('button', { name: 'Save' }).click();
    };
    await page.getByRole('link', { name: 'Queries' }).click();
    await fillQuery('ui uptime', 'SELECT * FROM uptime;', '600');
    await page.waitForURL(/\/queries$/);
    await row('ui uptime').getByText('600 s').waitFor();
    await fillQuery('ui uptime', 'SELECT 1;', '0');
    await page.getByText('Not saved').waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/already exists|name/i);
    await page.getByRole('link', { name: 'Queries' }).click();
    await row('ui uptime').getByRole('link', { name: 'ui uptime' }).click();
    await page.locator('input[name=interval]').fill('0');
    await page.getByRole('button', { name: 'Save' }).click();
    await row('ui uptime').getByText('not scheduled').waitFor();
    await row('ui uptime').getByRole('link', { name: 'ui uptime' }).click();
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.waitForURL(/\/queries$/);
    await page.getByRole('link', { name: 'New query' }).waitFor();
    expect(await row('ui uptime').count()).toBe(0);
  }, 60_000);
});

describe('web UI under server.url_prefix', () => {
  it('serves its pages, assets, API calls and login under the prefix', async () => {
    const server = await startServer('admin_ui_prefix', ['--server_url_prefix=/fleet']);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const home = server.home();
      await expectOk(fleetctl(home, ['config', 'set', '--address', server.url, '--url-prefix', '/fleet']));
      await expectOk(fleetctl(home, ['setup', '--email', ADMIN.email, '--name', ADMIN.name, '--password', ADMIN.password, '--org-name', ADMIN.org]));
      const page = await browser.newPage();
      await page.goto(`${server.url}/fleet/hosts`);
      await page.waitForURL(/\/fleet\/login$/);
      await page.locator('input[name=email]').fill(ADMIN.email);
      await page.locator('input[name=password]').fill(ADMIN.password);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.waitForURL(/\/fleet\/hosts$/);
      expect(await page.getByTestId('count-total').textContent()).toBe('0');
    } finally {
      await browser.close();
      await server.close();
    }
  }, 60_000);
});
