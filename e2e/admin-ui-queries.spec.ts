import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { FleetSimulator } from '@fleet/simulator';
import { eventually } from '@fleet/testing';
import { ADMIN, adminHome, expectOk, fleetctl, startServer } from './fleetctl/support/fleetctl-harness';
import type { ServerHarness } from './fleetctl/support/fleetctl-harness';
import { WIDTHS, apiToken, launchUiBrowser, logInThroughUi, screenshot, seriousA11yViolations } from './support/admin-ui-browser';
import type { UiBrowser } from './support/admin-ui-browser';

const HOSTS = 20;
const SECRET = 'e2e-ui-queries-secret';
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
kind: query
spec:
  name: ${SCHEDULED}
  query: SELECT version, build_platform FROM osquery_info;
  interval: 10
`;

interface ListedHost { id: number; hostname: string; display_name: string }

/**
 * The live query page and the saved queries pages of the built web UI in Debian's Chromium, against the built
 * server and 20 simulated hosts: the SQL editor (completion of osquery tables, the server's SQL check before
 * anything is sent), the target picker, results that stay inside the page, CSV, per-host errors, a reload that
 * follows the campaign again; saved queries searched, created (invalid SQL refused), edited, deleted, and
 * their reports paged. axe-core and a screenshot of each page at 1280 and 390 px.
 */
describe('web UI: live query and saved queries', () => {
  let server: ServerHarness;
  let sim: FleetSimulator;
  let ui: UiBrowser;
  let page: Page;
  let token: string;

  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${server.url}/api/latest/fleet${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const hosts = async () => (await api<{ hosts: ListedHost[] }>('/hosts?per_page=500&order_key=hostname')).hosts;
  const liveQueriesOf = async (sql: string) =>
    (await api<{ activities: Array<{ type: string; details: { query_sql?: string } | null }> }>('/activities?per_page=500')).activities
      .filter((a) => a.type === 'live_query' && a.details?.query_sql === sql).length;
  /** Replaces the SQL editor's text (CodeMirror: select all, then insert). */
  const typeSql = async (sql: string) => {
    const editor = page.getByTestId('sql-editor');
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(sql);
    await page.keyboard.press('Escape');
  };
  const addTarget = async (search: string, option: string) => {
    await page.getByLabel('Targets').fill(search);
    await page.getByRole('button', { name: option, exact: true }).click();
  };
  const pageWidth = () => page.evaluate<number>('document.documentElement.scrollWidth');
  const checkPage = async (name: string, failures: string[]) => {
    expect([name, await page.locator('h1').count()]).toEqual([name, 1]);
    failures.push(...(await seriousA11yViolations(page)).map((v) => `${name} @${page.viewportSize()?.width ?? 0}: ${v}`));
    await screenshot(page, name);
  };

  beforeAll(async () => {
    server = await startServer('admin_ui_queries');
    const home = await adminHome(server);
    const spec = join(mkdtempSync(join(tmpdir(), 'ui-queries-')), 'specs.yml');
    writeFileSync(spec, SPECS);
    await expectOk(fleetctl(home, ['apply', '-f', spec]));
    token = await apiToken(server.url, ADMIN);
    sim = new FleetSimulator({
      serverUrl: server.url, enrollSecret: SECRET, hosts: HOSTS, seed: 23,
      intervals: { distributedMs: 1000, configRefreshMs: 2000, loggerMs: 1000, scheduleSecondMs: 100 },
    });
    sim.start();
    ui = await launchUiBrowser();
    page = ui.context.pages()[0] ?? await ui.context.newPage();
    await eventually('every host online', async () => (await api<{ count: number }>('/hosts/count?status=online')).count, (n) => n === HOSTS, 90_000);
    await logInThroughUi(page, server.url, ADMIN);
  }, 180_000);

  afterAll(async () => {
    await ui?.close();
    await sim?.stop();
    await server?.close();
  });

  it('live query: completion of osquery tables, invalid SQL caught before anything is sent, targets found by search with host counts', async () => {
    await page.goto(`${server.url}/live-query`);
    await page.getByRole('heading', { level: 1, name: 'Live query' }).waitFor();
    await page.getByTestId('sql-editor').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('SELECT * FROM osquery_i');
    await page.locator('.cm-tooltip-autocomplete').getByText('osquery_info', { exact: true }).waitFor();
    await page.keyboard.press('Escape');
    // No target yet: nothing can run.
    expect(await page.getByRole('button', { name: 'Run' }).isDisabled()).toBe(true);
    await addTarget('All', 'Add label All Hosts');
    await page.getByTestId('target-counts').filter({ hasText: `${HOSTS} host(s) targeted: ${HOSTS} online` }).waitFor();
    const first = (await hosts())[0];
    if (!first) throw new Error('no host');
    await page.getByLabel('Targets').fill(first.hostname);
    await page.getByTestId('target-options').getByRole('button', { name: /^Add host / }).first().click();
    await page.getByRole('button', { name: /^Remove host / }).click();

    const invalid = 'SELEC version FROM osquery_info;';
    await typeSql(invalid);
    await page.getByRole('button', { name: 'Run' }).click();
    await page.getByText('Invalid SQL: near "SELEC": syntax error').waitFor();
    expect(new URL(page.url()).searchParams.get('campaign')).toBeNull();
    expect(await liveQueriesOf(invalid)).toBe(0);
    const failures: string[] = [];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await checkPage('live-query-invalid-sql', failures);
    }
    await page.setViewportSize({ width: WIDTHS[0], height: 900 });
    expect(failures).toEqual([]);
  }, 240_000);

  it('live query: rows of every host inside the page (virtualised, wide tables scroll in their box), CSV, filter, and a reload that follows the campaign again', async () => {
    await page.goto(`${server.url}/live-query`);
    await typeSql('SELECT * FROM system_info;');
    await addTarget('All', 'Add label All Hosts');
    await page.getByRole('button', { name: 'Run' }).click();
    await page.getByTestId('live-progress').filter({ hasText: `${HOSTS} of ${HOSTS} online hosts responded` }).waitFor({ timeout: 30_000 });
    await page.getByRole('tab', { name: `Results (${HOSTS})` }).waitFor();
    await eventually('the Stop button gone once every host answered', () => page.getByRole('button', { name: 'Stop' }).count(), (n) => n === 0);
    const grid = page.getByTestId('live-results');
    expect(await grid.getAttribute('aria-rowcount')).toBe(String(HOSTS + 1));
    // system_info has 20-odd columns: the grid scrolls sideways, the page does not widen.
    expect(await pageWidth()).toBeLessThanOrEqual(WIDTHS[0]);
    expect(await grid.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const lines = readFileSync(await download.path(), 'utf8').trimEnd().split('\r\n');
    expect(lines[0]?.split(',').slice(0, 3)).toEqual(['host', 'hostname', 'uuid']);
    expect(new Set(lines.slice(1).map((l) => l.split(',')[0])).size).toBe(HOSTS);
    const one = (await hosts())[3];
    await page.getByLabel('Filter results').fill(one.hostname);
    await page.getByText(`1 of ${HOSTS} rows`).waitFor();
    await page.getByLabel('Filter results').fill('');
    const failures: string[] = [];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      expect(await pageWidth()).toBeLessThanOrEqual(width);
      await checkPage('live-query-results', failures);
    }
    await page.setViewportSize({ width: WIDTHS[0], height: 900 });
    expect(failures).toEqual([]);
    // A reload follows the same campaign from the start of its stream: every row comes back.
    const campaign = new URL(page.url()).searchParams.get('campaign');
    expect(campaign).toMatch(/^\d+$/);
    await page.reload();
    await page.getByRole('tab', { name: `Results (${HOSTS})` }).waitFor({ timeout: 15_000 });
    await page.getByTestId('live-progress').filter({ hasText: 'finished' }).waitFor();
    expect(await page.getByTestId('sql-editor').textContent()).toContain('SELECT * FROM system_info;');
  }, 240_000);

  it('live query: an unknown table is a warning, each host\'s error is one short line in the Errors tab, and no Stop button stays', async () => {
    await page.goto(`${server.url}/live-query`);
    await typeSql('SELECT * FROM no_such_table;');
    await addTarget('All', 'Add label All Hosts');
    await page.getByRole('button', { name: 'Run' }).click();
    await page.getByTestId('sql-warning').filter({ hasText: 'no "no_such_table"' }).waitFor();
    await page.getByRole('tab', { name: `Errors (${HOSTS})` }).waitFor({ timeout: 30_000 });
    await eventually('the Stop button gone', () => page.getByRole('button', { name: 'Stop' }).count(), (n) => n === 0, 15_000);
    await page.getByRole('tab', { name: `Errors (${HOSTS})` }).click();
    const errors = page.getByTestId('live-errors');
    await errors.getByText('no such table: no_such_table').first().waitFor();
    const longest = await errors.locator('[role=cell]').evaluateAll((cells: Array<{ textContent: string | null }>) => Math.max(...cells.map((c) => (c.textContent ?? '').length)));
    expect(longest).toBeLessThanOrEqual(300);
    expect(await page.getByTestId('live-failure').count()).toBe(0);
    await screenshot(page, 'live-query-errors');
  }, 240_000);

  it('saved queries: search in the URL, invalid SQL refused with SQLite\'s reason, create, edit and delete with confirmation and notifications', async () => {
    const row = (name: string) => page.getByTestId('queries-table').locator('tbody tr', { has: page.getByRole('link', { name, exact: true }) });
    await page.goto(`${server.url}/queries/new`);
    await page.getByRole('heading', { level: 1, name: 'New query' }).waitFor();
    await page.locator('input[name=name]').fill('ui uptime');
    await typeSql('SELECT * FORM uptime;');
    await page.locator('input[name=interval]').fill('600');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Invalid SQL, not saved: near "FORM": syntax error').waitFor();
    expect((await api<{ queries: Array<{ name: string }> }>('/queries')).queries.some((q) => q.name === 'ui uptime')).toBe(false);
    const failures: string[] = [];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await checkPage('query-editor-invalid', failures);
    }
    await page.setViewportSize({ width: WIDTHS[0], height: 900 });
    await typeSql('SELECT * FROM uptime;');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/queries$/);
    await page.getByText('Query saved').waitFor();
    await row('ui uptime').getByText('every 10 min').waitFor();
    // The server's refusal of a second query of the same name, shown on the form.
    await page.getByRole('link', { name: 'New query' }).click();
    await page.locator('input[name=name]').fill('ui uptime');
    await typeSql('SELECT 1;');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.getByRole('alert').filter({ hasText: 'Not saved' }).textContent()).toMatch(/already exists|name/i);
    await page.goto(`${server.url}/queries`);
    // Search: the name in the URL, other queries hidden, kept over a reload.
    await page.getByLabel('Search queries').fill('uptime');
    await page.waitForURL(/\/queries\?query=uptime$/);
    await eventually('only the matching query listed', () => page.getByTestId('queries-table').locator('tbody tr').count(), (n) => n === 1);
    await page.reload();
    await row('ui uptime').waitFor();
    expect(await page.getByLabel('Search queries').inputValue()).toBe('uptime');
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${server.url}/queries`);
      await row(SCHEDULED).waitFor();
      await checkPage('queries', failures);
    }
    await page.setViewportSize({ width: WIDTHS[0], height: 900 });
    await row('ui uptime').getByRole('link', { name: 'ui uptime', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit ui uptime' }).waitFor();
    await page.locator('input[name=interval]').fill('0');
    await page.getByRole('button', { name: 'Save' }).click();
    await row('ui uptime').getByText('not scheduled').waitFor();
    await row('ui uptime').getByRole('link', { name: 'ui uptime', exact: true }).click();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('dialog', { name: 'Delete this query?' }).getByRole('button', { name: 'Cancel' }).click();
    expect((await api<{ queries: Array<{ name: string }> }>('/queries')).queries.some((q) => q.name === 'ui uptime')).toBe(true);
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('dialog', { name: 'Delete this query?' }).getByRole('button', { name: 'Delete query' }).click();
    await page.waitForURL(/\/queries$/);
    await page.getByText('Query deleted').waitFor();
    expect(await row('ui uptime').count()).toBe(0);
    expect(failures).toEqual([]);
  }, 240_000);

  it('query report: the stored results of a scheduled query, a page at a time, and all of them as CSV', async () => {
    const id = (await api<{ queries: Array<{ id: number; name: string }> }>('/queries')).queries.find((q) => q.name === SCHEDULED)?.id ?? 0;
    const stored = await eventually('every host reported the scheduled query',
      async () => (await api<{ results: unknown[] }>(`/queries/${id}/report`)).results.length, (n) => n >= HOSTS, 60_000);
    await page.goto(`${server.url}/queries/${id}/report?per_page=10`);
    await page.getByRole('heading', { level: 1, name: `${SCHEDULED} report` }).waitFor();
    const grid = page.getByTestId('query-report');
    await grid.waitFor();
    expect(await grid.getAttribute('aria-rowcount')).toBe('11');
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.waitForURL(/page=1/);
    await page.getByText('Page 2 ·').waitFor();
    await eventually('page 2 loaded (Previous page enabled)', () => page.getByRole('button', { name: 'Previous page' }).isEnabled(), (v) => v);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const lines = readFileSync(await download.path(), 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('host,last_fetched,version,build_platform');
    expect(lines.length - 1).toBeGreaterThanOrEqual(stored);
    const failures: string[] = [];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${server.url}/queries/${id}/report`);
      await grid.waitFor();
      expect(await pageWidth()).toBeLessThanOrEqual(width);
      await checkPage('query-report', failures);
    }
    await page.setViewportSize({ width: WIDTHS[0], height: 900 });
    expect(failures).toEqual([]);
  }, 240_000);
});
