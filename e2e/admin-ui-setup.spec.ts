import type { Page } from 'playwright-core';
import { startServerRetried } from './fleetctl/support/fleetctl-harness';
import type { ServerHarness } from './fleetctl/support/fleetctl-harness';
import { firstPage, launchUiBrowser, screenshot, seriousA11yViolations, WIDTHS } from './support/admin-ui-browser';
import type { UiBrowser } from './support/admin-ui-browser';

const ADA = { name: 'Ada Admin', email: 'ada@example.com', password: 'first-admin-pass1#', org: 'Acme Setup' };

/**
 * First-run setup in the built web UI, served by the built `fleet` binary on an empty database: the server sends
 * every page to /setup while no user exists, the form creates the first admin and the organisation and ends signed
 * in, and from then on /setup sends to /login. axe-core and screenshots at 1280 and 390 px.
 */
describe('web UI: first-run setup', () => {
  let server: ServerHarness;
  let ui: UiBrowser;
  let page: Page;

  beforeAll(async () => {
    [server, ui] = await Promise.all([startServerRetried('admin_ui_setup'), launchUiBrowser()]);
    page = await firstPage(ui);
  }, 240_000);

  afterAll(() => Promise.all([ui?.close(), server?.close()]));

  it('a fresh server shows /setup; a refused password is worded there; then the first admin is created, signed in, and /setup sends to /login', async () => {
    await page.goto(`${server.url}/hosts/manage`);
    await page.waitForURL((u) => u.pathname === '/setup');
    const submit = page.getByRole('button', { name: 'Create admin and sign in' });
    await submit.waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('h1').count()).toBe(1);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      expect([width, await seriousA11yViolations(page)]).toEqual([width, []]);
      await screenshot(page, 'setup');
    }
    await page.setViewportSize({ width: WIDTHS[0], height: 900 });
    expect(await page.getByRole('textbox', { name: 'Fleet URL' }).inputValue()).toBe(server.url);

    await page.getByRole('textbox', { name: 'Full name' }).fill(ADA.name);
    await page.getByRole('textbox', { name: 'Email' }).fill(ADA.email);
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByLabel('Confirm password', { exact: true }).fill('short');
    await page.getByRole('textbox', { name: 'Organisation name' }).fill(ADA.org);
    await submit.click();
    const refused = await page.getByRole('alert').innerText();
    expect(refused).toMatch(/Setup failed[\s\S]*Password must meet the criteria below/);
    expect(page.url()).toBe(`${server.url}/setup`);

    // The refused attempt created nobody: setup is only served while no user exists, and this one succeeds.
    await page.getByLabel('Password', { exact: true }).fill(ADA.password);
    await page.getByLabel('Confirm password', { exact: true }).fill(ADA.password);
    await submit.click();
    await page.waitForURL((u) => u.pathname === '/dashboard');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();

    const token = await page.evaluate<string | null>("localStorage.getItem('fleet.token')");
    const get = async <T>(path: string): Promise<T> => (await (await fetch(`${server.url}/api/latest/fleet${path}`, { headers: { authorization: `Bearer ${token ?? ''}` } })).json()) as T;
    const me = await get<{ user: { name: string; email: string; global_role: string } }>('/me');
    expect([me.user.name, me.user.email, me.user.global_role]).toEqual([ADA.name, ADA.email, 'admin']);
    const config = await get<{ org_info: { org_name: string }; server_settings: { server_url: string } }>('/config');
    expect([config.org_info.org_name, config.server_settings.server_url]).toEqual([ADA.org, server.url]);

    const again = await fetch(`${server.url}/setup`, { redirect: 'manual' });
    expect([again.status, again.headers.get('location')]).toEqual([302, '/login']);
    expect((await fetch(`${server.url}/api/v1/setup`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ admin: { name: 'Late', email: 'late@example.com', password: ADA.password }, org_info: { org_name: 'Late' } }),
    })).status).toBe(404);
  }, 120_000);
});
