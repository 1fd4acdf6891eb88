import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { FleetSimulator } from '@fleet/simulator';
import { eventually } from '@fleet/testing';
import { ADMIN, adminHome, expectOk, fleetctl, startServer } from './fleetctl/support/fleetctl-harness';
import type { ServerHarness } from './fleetctl/support/fleetctl-harness';
import { apiToken, launchUiBrowser, screenshot, seriousA11yViolations, sweepPages } from './support/admin-ui-browser';
import type { UiBrowser } from './support/admin-ui-browser';

const HOSTS = 8;
const SECRET = 'e2e-manage-secret';
const TEAM = 'Workstations';
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
    name: ${TEAM}
`;

const PASSWORD = 'userpass123#';
const OBSERVER = { email: 'observer@example.com', name: 'Olive Observer' };
const TEAM_MAINTAINER = { email: 'maintainer@example.com', name: 'Max Maintainer' };
const MEMBER = { email: 'member@example.com', name: 'Mia Member' };

type Json = Record<string, unknown>;
interface Mail { to: string[]; text: string }

/**
 * The management pages of the built web UI (policies, labels, teams, users and invites, settings), served by
 * the built `fleet` binary and driven in Debian's Chromium with simulated hosts answering: create, edit and
 * delete through the UI, each change read back from the API and from the activity feed; what an observer and
 * a team maintainer see; axe-core and a screenshot of every page at 1280 and 390 px (e2e/screenshots/).
 */
describe('web UI: what an administrator manages', () => {
  let server: ServerHarness;
  let sim: FleetSimulator;
  let ui: UiBrowser;
  let page: Page;
  let token: string;
  let smtp: SMTPServer;
  let smtpPort = 0;
  const mails: Mail[] = [];

  const api = async <T = Json>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> => {
    const res = await fetch(`${server.url}/api/latest/fleet${path}`, {
      method: init.method ?? 'GET', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  };
  const teamId = async (name: string) => (await api<{ teams: Array<{ id: number; name: string }> }>('/teams')).teams.find((t) => t.name === name)?.id ?? 0;
  const row = (table: Locator, name: string) => table.locator('tbody tr', { has: page.getByRole('link', { name, exact: true }) });
  /** The activity page lists `sentence` (actor and sentence, as the feed shows them). */
  const inActivity = async (sentence: RegExp) => {
    await page.goto(`${server.url}/activity`);
    await page.getByRole('list', { name: 'Activity' }).getByText(sentence).first().waitFor();
  };
  const signIn = async (email: string, password: string) => {
    await page.evaluate('localStorage.clear()');
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  };
  /** A text field by its label (Mantine marks required ones with an aria-hidden asterisk, which getByLabel would need). */
  const field = (name: string) => page.getByRole('textbox', { name, exact: true });
  const confirmIn = async (dialog: string, button: string) => {
    await page.getByRole('dialog', { name: dialog }).getByRole('button', { name: button, exact: true }).click();
  };

  beforeAll(async () => {
    mails.length = 0;
    smtp = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), text: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    smtpPort = (smtp.server.address() as { port: number }).port;
    // Policies and labels run on hosts every few seconds, so new ones are answered within the test.
    // On a loaded machine the server can miss the harness's 30 s start-up bound once; a second start is enough.
    const start = () => startServer('admin_ui_manage', ['--osquery_policy_update_interval=4s', '--osquery_label_update_interval=4s']);
    server = await start().catch((error: unknown) => {
      if (!String(error).includes('did not become ready')) throw error;
      return start();
    });
    const home = await adminHome(server);
    const spec = join(mkdtempSync(join(tmpdir(), 'ui-manage-')), 'specs.yml');
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
    await eventually('every host enrolled', async () => (await api<{ count: number }>('/hosts/count')).count, (n) => n === HOSTS, 90_000);
    const workstations = await teamId(TEAM);
    for (const [u, roles] of [[OBSERVER, { global_role: 'observer' }], [TEAM_MAINTAINER, { teams: [{ id: workstations, role: 'maintainer' }] }],
      [MEMBER, { teams: [{ id: workstations, role: 'observer' }] }]] as const) {
      await api('/users/admin', { method: 'POST', body: { ...u, password: PASSWORD, admin_forced_password_reset: false, ...roles } });
    }
    await page.goto(`${server.url}/login`);
    await signIn(ADMIN.email, ADMIN.password);
  }, 240_000);

  afterAll(async () => {
    await ui?.close();
    await sim?.stop();
    await server?.close();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  });

  it('policies: creates one (invalid SQL caught first), sees its counts fill in as hosts answer, edits and deletes it, each in the activity feed', async () => {
    const table = page.getByTestId('policies-table');
    await page.goto(`${server.url}/policies`);
    await page.getByRole('link', { name: 'Add policy' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'New global policy' }).waitFor();
    await field('Name').fill('Has osquery');
    await field('SQL').fill('SELEC 1 FROM osquery_info;');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/syntax error/).waitFor();
    expect(page.url()).toMatch(/\/policies\/new$/);
    await field('SQL').fill("SELECT 1 FROM os_version WHERE platform != 'windows';");
    await page.getByRole('switch', { name: 'Critical' }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/policies$/);
    await page.getByText('Policy created').waitFor();
    const created = (await api<{ policies: Array<{ id: number; name: string; critical: boolean; query: string }> }>('/global/policies')).policies;
    expect(created.map((p) => [p.name, p.critical])).toEqual([['Has osquery', true]]);
    // The counts in the list move from 0 to every host as the simulated hosts answer the new policy (the page
    // refetches every 10 s), and match the API's.
    const counts = async () => (await row(table, 'Has osquery').locator('td').allTextContents()).slice(2, 4).map(Number);
    await eventually('passing and failing counts of every host', counts, (c) => c[0] + c[1] === HOSTS, 60_000);
    const answered = (await api<{ policies: Array<{ passing_host_count: number; failing_host_count: number }> }>('/global/policies')).policies[0];
    expect(await counts()).toEqual([answered?.passing_host_count, answered?.failing_host_count]);
    expect(answered?.failing_host_count).toBe(sim.hosts.filter((h) => h.profile.platform === 'windows').length);
    // Edit: rename, limit to Linux; the list shows the new name and platform.
    await row(table, 'Has osquery').getByRole('link', { name: 'Has osquery', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit Has osquery' }).waitFor();
    await field('Name').fill('Has osquery (Linux)');
    await page.getByRole('checkbox', { name: 'Linux' }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/policies$/);
    await row(table, 'Has osquery (Linux)').getByRole('cell', { name: 'Linux', exact: true }).waitFor();
    // A team policy, from the team's view.
    const team = await teamId(TEAM);
    await page.getByRole('combobox', { name: 'Team' }).click();
    await page.getByRole('option', { name: TEAM, exact: true }).click();
    await page.waitForURL(new RegExp(`team_id=${team}`));
    await row(table, 'Has osquery (Linux)').getByText('inherited').waitFor();
    await page.getByRole('link', { name: 'Add policy' }).first().click();
    await page.getByRole('heading', { level: 1, name: `New policy of team ${TEAM}` }).waitFor();
    await field('Name').fill('Team firewall');
    await field('SQL').fill('SELECT 1 FROM osquery_info;');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(new RegExp(`/policies\\?team_id=${team}$`));
    await row(table, 'Team firewall').waitFor();
    expect((await api<{ policies: Array<{ name: string }> }>(`/teams/${team}/policies`)).policies.map((p) => p.name)).toEqual(['Team firewall']);
    // Delete, after a confirmation that can be cancelled.
    await row(table, 'Team firewall').getByRole('button', { name: 'Delete Team firewall' }).click();
    await confirmIn('Delete this policy?', 'Cancel');
    expect(await row(table, 'Team firewall').count()).toBe(1);
    await row(table, 'Team firewall').getByRole('button', { name: 'Delete Team firewall' }).click();
    await confirmIn('Delete this policy?', 'Delete policy');
    await page.getByText('Policy deleted').waitFor();
    await eventually('team policy gone', () => row(table, 'Team firewall').count(), (n) => n === 0);
    await inActivity(/created policy "Has osquery"/);
    await page.getByText(/edited policy "Has osquery \(Linux\)"/).first().waitFor();
    await page.getByText(new RegExp(`deleted a policy on team ${TEAM}`)).first().waitFor();
  }, 120_000);

  it('labels: a dynamic label counts the hosts that answer its SQL, a manual one holds the hosts picked by search; edit and delete', async () => {
    const table = page.getByTestId('labels-table');
    const ubuntu = sim.hosts.filter((h) => h.profile.platform === 'ubuntu').length;
    await page.goto(`${server.url}/labels`);
    await page.getByRole('link', { name: 'Add label' }).click();
    await field('Name').fill('Ubuntu hosts');
    await field('SQL').fill("SELECT 1 FROM os_version WHERE platform = 'ubuntu';");
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/labels$/);
    await page.getByText('Label created').waitFor();
    const hostCount = () => row(table, 'Ubuntu hosts').locator('td').nth(3).textContent();
    await eventually('the dynamic label counts the Ubuntu hosts', hostCount, (t) => t === String(ubuntu), 60_000);
    // A manual label: hosts picked by searching their names.
    const listed = (await api<{ hosts: Array<{ hostname: string }> }>('/hosts?order_key=hostname&per_page=3')).hosts.map((h) => h.hostname);
    const pickHost = async (hostname: string) => {
      await page.getByRole('combobox', { name: 'Hosts', exact: true }).fill(hostname);
      await page.getByRole('option', { name: new RegExp(hostname.replace(/\./g, '\\.')) }).first().click();
      await page.keyboard.press('Escape');
    };
    await page.getByRole('link', { name: 'Add label' }).click();
    await page.getByText('Manual (pick hosts)').click();
    await field('Name').fill('Pilot group');
    await pickHost(listed[0] ?? '');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/labels$/);
    await eventually('one host in the manual label', () => row(table, 'Pilot group').locator('td').nth(3).textContent(), (t) => t === '1');
    await row(table, 'Pilot group').getByRole('link', { name: 'Pilot group', exact: true }).click();
    await page.getByTestId('label-hosts').locator('tbody tr').first().waitFor();
    await pickHost(listed[1] ?? '');
    await field('Description').fill('Hosts trying changes first');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/labels$/);
    await eventually('two hosts in the manual label', () => row(table, 'Pilot group').locator('td').nth(3).textContent(), (t) => t === '2');
    const pilot = (await api<{ labels: Array<{ id: number; name: string }> }>('/labels')).labels.find((l) => l.name === 'Pilot group');
    const members = (await api<{ hosts: Array<{ hostname: string }> }>(`/labels/${pilot?.id ?? 0}/hosts`)).hosts.map((h) => h.hostname).sort();
    expect(members).toEqual([listed[0], listed[1]].sort());
    await row(table, 'Ubuntu hosts').getByRole('button', { name: 'Delete Ubuntu hosts' }).click();
    await confirmIn('Delete this label?', 'Delete label');
    await page.getByText('Label deleted').waitFor();
    await eventually('label gone', () => row(table, 'Ubuntu hosts').count(), (n) => n === 0);
    await inActivity(/created label "Ubuntu hosts"/);
    await page.getByText(/edited label "Pilot group"/).first().waitFor();
    await page.getByText(/deleted label "Ubuntu hosts"/).first().waitFor();
  }, 150_000);

  it('teams: creates one, adds a member and changes their role, adds and rotates an enroll secret, sets agent options (checked, with the difference to the global ones), renames it and deletes it', async () => {
    await page.goto(`${server.url}/teams`);
    await page.getByRole('button', { name: 'Create team' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Create team' });
    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Laptops');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { level: 1, name: 'Laptops' }).waitFor();
    const id = await teamId('Laptops');
    // Members.
    await page.getByRole('combobox', { name: 'Add member' }).click();
    await page.getByRole('option', { name: new RegExp(MEMBER.name) }).click();
    await page.getByRole('combobox', { name: 'Role', exact: true }).click();
    await page.getByRole('option', { name: 'Maintainer', exact: true }).click();
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByTestId('team-members').getByText(MEMBER.email).waitFor();
    const roleOf = async () => (await api<{ users: Array<{ email: string; teams: Array<{ id: number; role: string }> }> }>(`/teams/${id}/users`)).users
      .find((u) => u.email === MEMBER.email)?.teams.find((t) => t.id === id)?.role;
    expect(await roleOf()).toBe('maintainer');
    await page.getByRole('combobox', { name: `Role of ${MEMBER.name}` }).click();
    await page.getByRole('option', { name: 'Observer', exact: true }).click();
    await eventually('role changed', roleOf, (r) => r === 'observer');
    // Enroll secrets: add one, rotate it.
    await page.getByRole('tab', { name: 'Enroll secrets' }).click();
    await page.waitForURL(/\/secrets$/);
    await page.getByRole('button', { name: 'Add secret' }).click();
    await page.getByTestId('enroll-secrets').locator('tbody tr').first().waitFor();
    const secrets = async () => ((await api<{ secrets: Array<{ secret: string }> | null }>(`/teams/${id}/secrets`)).secrets ?? []).map((s) => s.secret);
    const first = await secrets();
    expect(first).toHaveLength(1);
    await page.getByRole('button', { name: 'Rotate secret 1' }).click();
    await confirmIn('Rotate this enroll secret?', 'Rotate secret');
    await eventually('a new secret', secrets, (s) => s.length === 1 && s[0] !== first[0]);
    // Agent options: a wrong type is refused before saving; the difference to the global options is listed.
    await page.getByRole('tab', { name: 'Agent options' }).click();
    const options = page.getByRole('textbox', { name: 'Agent options (YAML or JSON)' });
    await options.fill('config:\n  options:\n    distributed_interval: soon\n');
    await page.getByRole('button', { name: 'Save agent options' }).click();
    await page.getByText('distributed_interval must be a number').waitFor();
    await options.fill('config:\n  options:\n    distributed_interval: 30\n    logger_tls_period: 10\n');
    await page.getByTestId('agent-options-diff').getByText('config.options.distributed_interval').waitFor();
    await page.getByRole('button', { name: 'Save agent options' }).click();
    await page.getByText('Agent options saved').waitFor();
    const team = async () => (await api<{ team: { name: string; agent_options: Json | null; host_expiry_settings: { host_expiry_enabled: boolean; host_expiry_window: number } } }>(`/teams/${id}`)).team;
    expect((await team()).agent_options).toEqual({ config: { options: { distributed_interval: 30, logger_tls_period: 10 } } });
    // Settings: rename, host expiry.
    await page.getByRole('tab', { name: 'Settings' }).click();
    await field('Team name').fill('Laptops EU');
    await page.getByRole('switch', { name: /host expiry/ }).check();
    await page.getByRole('textbox', { name: 'Host expiry window (days)' }).fill('14');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Laptops EU' }).waitFor();
    expect([(await team()).name, (await team()).host_expiry_settings]).toEqual(['Laptops EU', { host_expiry_enabled: true, host_expiry_window: 14 }]);
    // Delete from the list.
    await page.goto(`${server.url}/teams`);
    await page.getByRole('button', { name: 'Delete Laptops EU' }).click();
    await confirmIn('Delete this team?', 'Delete team');
    await page.getByText('Team deleted').waitFor();
    expect(await teamId('Laptops EU')).toBe(0);
    await inActivity(/created team Laptops/);
    for (const sentence of [`changed the role of ${MEMBER.name} on team Laptops to Observer`, 'edited the enroll secrets on team Laptops',
      'edited agent options on team Laptops', 'edited team Laptops EU', 'deleted team Laptops EU']) {
      await page.getByText(sentence).first().waitFor();
    }
  }, 150_000);

  it('users: SMTP set up in the settings (a test mail arrives), an invite mailed through it, a user created, given another role and deleted, an API-only user\'s token shown once', async () => {
    await page.goto(`${server.url}/settings/smtp`);
    await page.getByRole('switch', { name: 'Send mail through SMTP' }).check();
    await field('Sender address').fill('fleet@example.com');
    await field('SMTP server').fill('127.0.0.1');
    await page.getByRole('textbox', { name: 'Port' }).fill(String(smtpPort));
    await page.getByRole('switch', { name: /TLS from the first byte/ }).uncheck();
    await page.getByRole('switch', { name: /STARTTLS/ }).uncheck();
    await page.getByRole('switch', { name: /Verify/ }).uncheck();
    await page.getByRole('combobox', { name: 'Authentication' }).click();
    await page.getByRole('option', { name: 'None' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('SMTP settings saved').waitFor();
    await eventually('the test mail', () => mails.filter((m) => m.to.includes(ADMIN.email)).length, (n) => n > 0, 30_000);
    // Invite: the mail reaches the invitee with the link to create the account.
    await page.goto(`${server.url}/users`);
    await page.getByRole('button', { name: 'Invite user' }).click();
    const invite = page.getByRole('dialog', { name: 'Invite user' });
    await invite.getByRole('textbox', { name: 'Email' }).fill('invitee@example.com');
    await invite.getByRole('textbox', { name: 'Full name' }).fill('Ivy Invitee');
    await invite.getByRole('button', { name: 'Send invite' }).click();
    await page.getByTestId('invites-table').getByText('invitee@example.com').waitFor();
    await eventually('the invitation mail', () => mails.filter((m) => m.to.includes('invitee@example.com')).length, (n) => n === 1, 60_000);
    expect(mails.find((m) => m.to.includes('invitee@example.com'))?.text.replace(/=\r?\n/g, '')).toMatch(/\/login\/invites\//);
    // Create, edit the role, delete.
    const users = page.getByTestId('users-table');
    await page.getByRole('button', { name: 'Create user' }).click();
    const create = page.getByRole('dialog', { name: 'Create user' });
    await create.getByRole('textbox', { name: 'Email' }).fill('edith@example.com');
    await create.getByRole('textbox', { name: 'Full name' }).fill('Edith Editable');
    await create.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD);
    await create.getByRole('button', { name: 'Create user' }).click();
    const edith = users.locator('tbody tr', { hasText: 'edith@example.com' });
    await edith.getByText('Observer').waitFor();
    await edith.getByRole('button', { name: 'Actions for Edith Editable' }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Edith Editable' });
    await edit.getByRole('combobox', { name: 'Global role' }).click();
    await page.getByRole('option', { name: 'Maintainer', exact: true }).click();
    await edit.getByRole('button', { name: 'Save' }).click();
    await edith.getByText('Maintainer').waitFor();
    const role = (await api<{ users: Array<{ email: string; global_role: string | null }> }>('/users')).users.find((u) => u.email === 'edith@example.com')?.global_role;
    expect(role).toBe('maintainer');
    await edith.getByRole('button', { name: 'Actions for Edith Editable' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await confirmIn('Delete this user?', 'Delete user');
    await eventually('user gone', () => edith.count(), (n) => n === 0);
    // An API-only user: the token is shown once, and works.
    await page.getByRole('button', { name: 'Create user' }).click();
    await create.getByRole('textbox', { name: 'Email' }).fill('ci-bot@example.com');
    await create.getByRole('textbox', { name: 'Full name' }).fill('CI bot');
    await create.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD);
    await create.getByRole('checkbox', { name: /API only/ }).check();
    await create.getByRole('button', { name: 'Create user' }).click();
    const shown = (await page.getByTestId('new-api-token').textContent()) ?? '';
    const me = await fetch(`${server.url}/api/latest/fleet/me`, { headers: { authorization: `Bearer ${shown}` } });
    expect([me.status, ((await me.json()) as { user: { email: string } }).user.email]).toEqual([200, 'ci-bot@example.com']);
    await page.getByRole('button', { name: 'Done' }).click();
    await users.getByText('ci-bot@example.com').waitFor();
    expect(await page.content()).not.toContain(shown);
    await inActivity(/invited Ivy Invitee \(invitee@example.com\)/);
    for (const sentence of ['created user edith@example.com', 'changed the global role of Edith Editable to Maintainer', 'deleted user edith@example.com',
      'edited the organisation settings (SMTP)']) {
      await page.getByText(sentence).first().waitFor();
    }
  }, 150_000);

  it('settings: organisation, webhooks, host expiry, features, global agent options, enroll secrets and single sign-on, each saved and in the activity feed', async () => {
    const config = () => api<Json>('/config');
    const section = (doc: Json, key: string) => doc[key] as Json;
    await page.goto(`${server.url}/settings`);
    await field('Organization name').fill('Acme Fleet');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Organization settings saved').waitFor();
    expect(section(await config(), 'org_info')['org_name']).toBe('Acme Fleet');
    await page.getByRole('tab', { name: 'Webhooks' }).click();
    await page.getByRole('switch', { name: 'Failing policies webhook' }).check();
    await field('Failing policies webhook URL').fill('https://hooks.example.com/fleet');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Webhook settings saved').waitFor();
    expect(section(section(await config(), 'webhook_settings'), 'failing_policies_webhook')).toMatchObject({ enable_failing_policies_webhook: true, destination_url: 'https://hooks.example.com/fleet' });
    await page.getByRole('tab', { name: 'Host expiry and retention' }).click();
    await page.getByRole('switch', { name: 'Host expiry' }).check();
    await page.getByRole('textbox', { name: 'Host expiry window (days)' }).fill('45');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Expiry and retention settings saved').waitFor();
    expect(section(await config(), 'host_expiry_settings')).toMatchObject({ host_expiry_enabled: true, host_expiry_window: 45 });
    await page.getByRole('tab', { name: 'Features' }).click();
    await page.getByRole('switch', { name: 'Host users' }).uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Feature settings saved').waitFor();
    expect(section(await config(), 'features')['enable_host_users']).toBe(false);
    await page.getByRole('tab', { name: 'Agent options' }).click();
    const options = page.getByRole('textbox', { name: 'Agent options (YAML or JSON)' });
    await options.fill('config:\n  options:\n    distributed_interval: 12\n    pack_delimiter: /\n');
    await page.getByRole('button', { name: 'Save agent options' }).click();
    await page.getByText('Agent options saved').waitFor();
    expect(section(await config(), 'agent_options')).toEqual({ config: { options: { distributed_interval: 12, pack_delimiter: '/' } } });
    await page.getByRole('tab', { name: 'Enroll secrets' }).click();
    await page.getByTestId('enroll-secrets').locator('tbody tr').first().waitFor();
    await page.getByRole('button', { name: 'Add secret' }).click();
    await eventually('two global secrets', async () => (await api<{ spec: { secrets: unknown[] } }>('/spec/enroll_secret')).spec.secrets.length, (n) => n === 2);
    await page.getByRole('tab', { name: 'Single sign-on' }).click();
    await field('Identity provider name').fill('Okta');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Single sign-on settings saved').waitFor();
    expect(section(await config(), 'sso_settings')['idp_name']).toBe('Okta');
    await inActivity(/edited the organisation settings \(organisation info, server settings\)/);
    for (const sentence of ['edited the organisation settings (webhooks)', 'edited the organisation settings (host expiry', 'edited the organisation settings (features, server settings)',
      'edited the global agent options', 'edited the enroll secrets (global)', 'edited the organisation settings (single sign-on)']) {
      await page.getByText(sentence).first().waitFor();
    }
  }, 150_000);

  it('roles: an observer sees no edit control and no secret; a team maintainer edits only their team\'s policies and sees its secrets', async () => {
    const workstations = await teamId(TEAM);
    const policy = (await api<{ policies: Array<{ id: number }> }>('/global/policies')).policies[0]?.id ?? 0;
    const secret = (await api<{ spec: { secrets: Array<{ secret: string }> } }>('/spec/enroll_secret')).spec.secrets[0]?.secret ?? 'none';
    const visit = async (path: string, heading: string | RegExp) => {
      await page.goto(`${server.url}${path}`);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.content()).not.toContain(secret);
    };
    const none = async (what: Locator) => expect(await what.count()).toBe(0);
    try {
      await signIn(OBSERVER.email, PASSWORD);
      await visit('/policies', 'Policies');
      await page.getByRole('table', { name: 'Policies' }).locator('tbody tr').first().waitFor();
      await none(page.getByRole('link', { name: 'Add policy' }));
      await none(page.getByRole('button', { name: /^Delete / }));
      await none(page.getByRole('link', { name: /^Run / }));
      await visit(`/policies/${policy}`, /.+/);
      await page.getByRole('textbox', { name: 'SQL', exact: true }).waitFor();
      await none(page.getByRole('button', { name: 'Save' }));
      await visit('/labels', 'Labels');
      await none(page.getByRole('link', { name: 'Add label' }));
      await visit('/teams', 'Teams');
      await none(page.getByRole('button', { name: 'Create team' }));
      await visit(`/teams/${workstations}`, TEAM);
      await none(page.getByRole('tab', { name: 'Enroll secrets' }));
      await none(page.getByRole('button', { name: 'Delete team' }));
      await page.getByRole('tab', { name: 'Agent options' }).click();
      await none(page.getByRole('button', { name: 'Save agent options' }));
      await visit('/users', 'Users');
      await page.getByTestId('users-table').locator('tbody tr').first().waitFor();
      await none(page.getByRole('button', { name: 'Invite user' }));
      await none(page.getByRole('button', { name: /^Actions for/ }));
      await visit('/settings', 'Settings');
      expect(await page.getByRole('tab').allTextContents()).toEqual(['Organization', 'Webhooks', 'Host expiry and retention', 'Features']);
      await none(page.getByRole('button', { name: 'Save' }));
      await screenshot(page, 'manage-settings-observer');

      await signIn(TEAM_MAINTAINER.email, PASSWORD);
      await visit('/policies', 'Policies');
      await none(page.getByRole('link', { name: 'Add policy' }));
      await visit(`/policies?team_id=${workstations}`, 'Policies');
      await page.getByRole('link', { name: 'Add policy' }).first().waitFor();
      await visit(`/teams/${workstations}/secrets`, TEAM);
      await page.getByRole('tabpanel').getByRole('button', { name: 'Add secret' }).waitFor();
      await none(page.getByRole('combobox', { name: /^Role of / }));
      await none(page.getByRole('button', { name: 'Delete team' }));
      await visit('/labels', 'Labels');
      await none(page.getByRole('link', { name: 'Add label' }));
      await visit('/users', 'Users');
      await page.getByText('Not available to your role').waitFor();
      await visit('/settings', 'Settings');
      await none(page.getByRole('button', { name: 'Save' }));
      await screenshot(page, 'manage-team-maintainer-team');
    } catch (error) {
      await screenshot(page, 'manage-roles-failure');
      throw error;
    } finally {
      await signIn(ADMIN.email, ADMIN.password);
    }
  }, 150_000);

  it('activity: filtered on the server by type, user and days, the filters kept in the URL; an empty result says so', async () => {
    const seeded = [
      { name: 'Fiona Filter', email: 'fiona@example.com', type: 'created_pack', pack: 'Fiona March pack', at: '2020-03-10T12:00:00Z' },
      { name: 'Fiona Filter', email: 'fiona@example.com', type: 'deleted_pack', pack: 'Fiona April pack', at: '2020-04-10T12:00:00Z' },
      { name: 'Gus Other', email: 'gus@example.com', type: 'created_pack', pack: 'Gus March pack', at: '2020-03-15T12:00:00Z' },
    ];
    for (const a of seeded) {
      await server.db.dataSource.query('INSERT INTO activities (user_id, user_name, user_email, activity_type, details, fleet_initiated, created_at) VALUES (NULL, ?, ?, ?, ?, 0, ?)',
        [a.name, a.email, a.type, JSON.stringify({ pack_name: a.pack }), new Date(a.at)]);
    }
    const feed = page.getByRole('list', { name: 'Activity' });
    /** The packs the feed shows, once it shows exactly `expected` (in the log's order, newest first). */
    const shows = (what: string, expected: string[]) => eventually(what,
      async () => (await feed.locator('li').allInnerTexts()).filter((t) => /March pack|April pack/.test(t)).map((t) => /"(.*)"/.exec(t)?.[1]),
      (packs) => JSON.stringify(packs) === JSON.stringify(expected), 15_000);
    const created = await api<{ activities: Array<{ type: string }> }>('/activities?activity_type=created_pack');
    expect(created.activities.map((a) => a.type)).toEqual(['created_pack', 'created_pack']);

    await page.goto(`${server.url}/activity`);
    await page.getByRole('combobox', { name: 'Activity type' }).click();
    await page.getByRole('option', { name: 'Created pack', exact: true }).click();
    await page.waitForURL(/type=created_pack/);
    await shows('both created packs', ['Gus March pack', 'Fiona March pack']);
    expect(await feed.locator('li').count()).toBe(created.activities.length);

    await page.getByRole('searchbox', { name: 'User' }).fill('fiona');
    await page.waitForURL(/actor=fiona/);
    await shows('Fiona\'s created pack only', ['Fiona March pack']);
    await page.reload();
    await shows('the same after a reload', ['Fiona March pack']);

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL((u) => !u.searchParams.has('type') && !u.searchParams.has('actor'));
    await page.getByRole('button', { name: 'Clear filters' }).waitFor({ state: 'detached' });
    await page.getByLabel('From', { exact: true }).fill('2020-03-01');
    await page.waitForURL((u) => u.searchParams.get('from') === '2020-03-01');
    // The page has rendered the From day (the To box's minimum comes from it) before To is typed: useUrlState merges
    // into the params of the last render, so a change typed before that render would drop the From day.
    await page.locator('input[type=date][min="2020-03-01"]').waitFor();
    await page.getByLabel('To', { exact: true }).fill('2020-03-31');
    await page.waitForURL((u) => u.searchParams.get('from') === '2020-03-01' && u.searchParams.get('to') === '2020-03-31');
    await shows('March only', ['Gus March pack', 'Fiona March pack']);
    expect(await feed.locator('li').count()).toBe(2);
    await page.getByRole('searchbox', { name: 'User' }).fill('gus@');
    await shows('Gus in March', ['Gus March pack']);

    await page.getByLabel('To', { exact: true }).fill('2020-03-12');
    await page.getByText('No activity matches these filters').waitFor();

    const filtered = '/activity?type=created_pack&actor=fiona&from=2020-03-01&to=2020-03-31';
    expect(await sweepPages(page, server.url, [{ name: 'manage-activity-filtered', path: filtered, ready: (p) => p.getByRole('list', { name: 'Activity' }).getByText('Fiona March pack').waitFor() }])).toEqual([]);
  }, 120_000);

  it('policy automations: "Manage automations" sets the failing-policies webhook and its policies, globally and for a team', async () => {
    const global = (await api<{ policy: { id: number } }>('/global/policies', { method: 'POST', body: { name: 'Automated global policy', query: 'SELECT 1;' } })).policy;
    const team = await teamId(TEAM);
    const own = (await api<{ policy: { id: number } }>(`/teams/${team}/policies`, { method: 'POST', body: { name: 'Automated team policy', query: 'SELECT 1;' } })).policy;
    const dialog = page.getByRole('dialog', { name: 'Manage automations' });
    const webhookOf = (owner: unknown) => ((owner as { webhook_settings: { failing_policies_webhook: Json } }).webhook_settings.failing_policies_webhook);

    await page.goto(`${server.url}/policies`);
    await page.getByRole('button', { name: 'Manage automations' }).click();
    await dialog.getByRole('switch', { name: /Failing policies webhook/ }).waitFor();
    // Turned on without a URL or a policy: refused before anything is saved (the settings test may have set a URL).
    await dialog.getByRole('switch', { name: /Failing policies webhook/ }).check({ force: true });
    await dialog.getByRole('textbox', { name: 'Destination URL' }).fill('');
    for (const box of await dialog.getByRole('checkbox').all()) await box.uncheck();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('must be an http(s) URL').waitFor();
    await dialog.getByText('choose at least one policy').waitFor();
    await dialog.getByRole('textbox', { name: 'Destination URL' }).fill('https://hooks.example.test/global');
    await dialog.getByRole('checkbox', { name: 'Automated global policy' }).check();
    await page.setViewportSize({ width: 390, height: 900 });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'manage-policy-automations');
    await page.setViewportSize({ width: 1280, height: 900 });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const saved = await eventually('the global webhook saved', async () => webhookOf(await api('/config')), (w) => w['enable_failing_policies_webhook'] === true, 15_000);
    expect([saved['destination_url'], saved['policy_ids']]).toEqual(['https://hooks.example.test/global', [global.id]]);

    await page.goto(`${server.url}/policies?team_id=${team}`);
    await page.getByRole('button', { name: 'Manage automations' }).click();
    await dialog.getByRole('checkbox', { name: 'Automated team policy' }).waitFor();
    // Only the team's own policies are offered (the inherited global one is not).
    expect(await dialog.getByRole('checkbox', { name: 'Automated global policy' }).count()).toBe(0);
    await dialog.getByRole('switch', { name: /Failing policies webhook/ }).check({ force: true });
    await dialog.getByRole('textbox', { name: 'Destination URL' }).fill('https://hooks.example.test/team');
    await dialog.getByRole('checkbox', { name: 'Automated team policy' }).check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const teamHook = await eventually('the team webhook saved', async () => webhookOf((await api<{ team: Json }>(`/teams/${team}`)).team), (w) => w['enable_failing_policies_webhook'] === true, 15_000);
    expect([teamHook['destination_url'], teamHook['policy_ids']]).toEqual(['https://hooks.example.test/team', [own.id]]);

    // Opened again, the dialog shows what is saved.
    await page.getByRole('button', { name: 'Manage automations' }).click();
    expect(await dialog.getByRole('textbox', { name: 'Destination URL' }).inputValue()).toBe('https://hooks.example.test/team');
    expect(await dialog.getByRole('checkbox', { name: 'Automated team policy' }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  }, 120_000);

  it('every management page: one h1, no critical or serious axe-core violation, a screenshot at 1280 and 390 px', async () => {
    const policy = (await api<{ policies: Array<{ id: number }> }>('/global/policies')).policies[0]?.id ?? 0;
    const label = (await api<{ labels: Array<{ id: number; name: string }> }>('/labels')).labels.find((l) => l.name === 'Pilot group')?.id ?? 0;
    const team = await teamId(TEAM);
    const pages: Array<{ name: string; path: string; ready: (p: Page) => Promise<unknown> }> = [
      { name: 'manage-policies', path: '/policies', ready: (p) => p.getByRole('table', { name: 'Policies' }).waitFor() },
      { name: 'manage-policy-new', path: '/policies/new', ready: (p) => p.getByRole('textbox', { name: 'SQL', exact: true }).waitFor() },
      { name: 'manage-policy-edit', path: `/policies/${policy}`, ready: (p) => p.getByRole('textbox', { name: 'SQL', exact: true }).waitFor() },
      { name: 'manage-labels', path: '/labels', ready: (p) => p.getByTestId('labels-table').locator('tbody tr').first().waitFor() },
      { name: 'manage-label-new', path: '/labels/new', ready: (p) => p.getByRole('textbox', { name: 'SQL', exact: true }).waitFor() },
      { name: 'manage-label-manual', path: `/labels/${label}`, ready: (p) => p.getByTestId('label-hosts').locator('tbody tr').first().waitFor() },
      { name: 'manage-teams', path: '/teams', ready: (p) => p.getByTestId('teams-table').locator('tbody tr').first().waitFor() },
      ...['members', 'secrets', 'agent-options', 'settings'].map((tab) => ({
        name: `manage-team-${tab}`, path: `/teams/${team}/${tab}`, ready: (p: Page) => p.getByRole('tabpanel').locator('table, textarea, input, [data-testid=empty-state]').first().waitFor(),
      })),
      { name: 'manage-users', path: '/users', ready: (p) => p.getByTestId('users-table').locator('tbody tr').first().waitFor() },
      ...['organization', 'webhooks', 'retention', 'features', 'agent-options', 'enroll-secrets', 'smtp', 'sso'].map((tab) => ({
        name: `manage-settings-${tab}`, path: `/settings/${tab}`, ready: (p: Page) => p.getByRole('tabpanel').locator('table, textarea, input, [data-testid=empty-state]').first().waitFor(),
      })),
      { name: 'manage-activity', path: '/activity', ready: (p) => p.getByRole('list', { name: 'Activity' }).waitFor() },
    ];
    expect(await sweepPages(page, server.url, pages)).toEqual([]);
  }, 600_000);
});
