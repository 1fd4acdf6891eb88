import type { Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { eventually, SamlTestIdp } from '@fleet/testing';
import { ADMIN, adminHome, startServerRetried } from './fleetctl/support/fleetctl-harness';
import type { ServerHarness } from './fleetctl/support/fleetctl-harness';
import { launchUiBrowser, screenshot, seriousA11yViolations, sweepPages } from './support/admin-ui-browser';
import type { UiBrowser } from './support/admin-ui-browser';

type Json = Record<string, unknown>;
interface Mail { to: string[]; text: string }

const NEW_PASSWORD = 'brand-new-pass123#';
const INVITEE = { email: 'newcomer@example.com', name: 'Nora Newcomer', password: 'newcomer-pass123#' };
const RESETTER = { email: 'forgetful@example.com', name: 'Fred Forgetful', password: 'old-password123#' };

/**
 * The pages of the account mails' links in the built web UI, served by the built `fleet` binary with a real
 * SMTP server taking the mails: forgot password → the mailed reset link → the new password logs in; an invite →
 * the mailed link → the account is created and logged in. axe-core and screenshots of these pages at 1280 and 390 px.
 */
describe('web UI: password recovery and invitations through the mailed links', () => {
  let server: ServerHarness;
  let ui: UiBrowser;
  let page: Page;
  let token: string;
  let smtp: SMTPServer;
  const mails: Mail[] = [];

  const api = async <T = Json>(path: string, init: { method?: string; body?: unknown; auth?: string } = {}): Promise<T> => {
    const res = await fetch(`${server.url}/api/latest/fleet${path}`, {
      method: init.method ?? 'GET', headers: { authorization: `Bearer ${init.auth ?? token}`, 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  };
  const loginStatus = async (email: string, password: string) => (await fetch(`${server.url}/api/latest/fleet/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
  })).status;
  /** The link of the one mail to `to` that has a link to `path` (quoted-printable undone), as a path of the server under test. */
  const mailedLink = async (to: string, path: string): Promise<string> => {
    const pattern = new RegExp(`${path.replace(/[/?]/g, '\\$&')}[^\\s"<>]+`);
    const links = await eventually(`the mail to ${to} with ${path}`,
      () => mails.filter((m) => m.to.includes(to)).map((m) => m.text.replace(/=\r?\n/g, '').replace(/=3D/gi, '=').match(pattern)?.[0]).filter((l) => l !== undefined),
      (l) => l.length === 1, 60_000);
    return links[0] ?? '';
  };
  const field = (name: string) => page.getByRole('textbox', { name, exact: true });
  /** The page's answer to a submitted form: its status text, or a failure naming the error the page shows instead. */
  const answer = async (): Promise<string> => {
    await page.getByRole('status').or(page.getByRole('alert')).first().waitFor({ timeout: 60_000 });
    const alert = page.getByRole('alert');
    if (await alert.count() > 0) throw new Error(`the page shows an error instead of its answer: ${await alert.first().innerText()}`);
    return page.getByRole('status').innerText();
  };
  /** Forgets the UI's session from a page without signed-in requests (on another page, their 401s would navigate to /login meanwhile). */
  const signOut = async () => {
    await page.goto(`${server.url}/login/forgot`);
    await page.evaluate('localStorage.clear()');
  };
  const signIn = async (email: string, password: string) => {
    await page.goto(`${server.url}/login`);
    await field('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
  };
  /** GET /me with the token the UI keeps (localStorage `fleet.token`): 200 when the UI holds a live session. */
  const me = async () => {
    const t = await page.evaluate<string | null>("localStorage.getItem('fleet.token')");
    return (await fetch(`${server.url}/api/latest/fleet/me`, { headers: { authorization: `Bearer ${t ?? ''}` } })).status;
  };

  beforeAll(async () => {
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
    const smtpPort = (smtp.server.address() as { port: number }).port;
    server = await startServerRetried('admin_ui_accounts');
    await adminHome(server);
    const login = await fetch(`${server.url}/api/latest/fleet/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
    });
    token = ((await login.json()) as { token: string }).token;
    await api('/config', { method: 'PATCH', body: { smtp_settings: {
      enable_smtp: true, sender_address: 'fleet@example.test', server: '127.0.0.1', port: smtpPort, authentication_type: 'authtype_none',
      enable_ssl_tls: false, enable_start_tls: false,
    } } });
    await api('/users/admin', { method: 'POST', body: { ...RESETTER, admin_forced_password_reset: false, global_role: 'observer' } });
    ui = await launchUiBrowser();
    page = ui.context.pages()[0] ?? await ui.context.newPage();
  }, 240_000);

  afterAll(async () => {
    await ui?.close();
    await server?.close();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  });

  it('forgot password: the same answer for any address, the mailed link sets a new password that logs in (the old one no longer does)', async () => {
    await page.goto(`${server.url}/login`);
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.waitForURL((u) => u.pathname === '/login/forgot');
    // The URL changes at once, but the login page (which has an Email field too) stays on screen until the
    // forgot page's code has loaded: fill the field only once the forgot page shows.
    await page.getByRole('button', { name: 'Send reset link' }).waitFor();
    await field('Email').fill('nobody@example.com');
    await page.getByRole('button', { name: 'Send reset link' }).click();
    const unknownAnswer = await answer();
    await page.goto(`${server.url}/login/forgot`);
    await field('Email').fill(RESETTER.email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    expect(await answer()).toBe(unknownAnswer);

    const link = await mailedLink(RESETTER.email, '/login/reset?token=');
    await page.goto(`${server.url}${new URL(link, server.url).pathname}${new URL(link, server.url).search}`);
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Confirm new password', { exact: true }).fill('does-not-match1#');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('The passwords do not match').waitFor();
    await page.getByLabel('Confirm new password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.waitForURL((u) => u.pathname === '/login');
    await page.getByText('Your password was changed').waitFor();
    expect([await loginStatus(RESETTER.email, RESETTER.password), await loginStatus(RESETTER.email, NEW_PASSWORD)]).toEqual([401, 200]);
    await signIn(RESETTER.email, NEW_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/dashboard');
    expect(mails.filter((m) => m.to.includes('nobody@example.com'))).toEqual([]);
  }, 120_000);

  it('invite: the mailed link shows who is invited, creates the account with the chosen name and password and logs the new user in', async () => {
    await api('/invites', { method: 'POST', body: { email: INVITEE.email, name: INVITEE.name, sso_enabled: false, global_role: 'observer' } });
    const link = await mailedLink(INVITEE.email, '/login/invites/');
    await signOut();
    const url = new URL(link, server.url);
    await page.goto(`${server.url}${url.pathname}${url.search}`);
    await page.getByText(INVITEE.email).first().waitFor();
    expect(await field('Full name').inputValue()).toBe(INVITEE.name);
    await field('Full name').fill(`${INVITEE.name} Jr`);
    await page.getByLabel('Password', { exact: true }).fill(INVITEE.password);
    await page.getByLabel('Confirm password', { exact: true }).fill(INVITEE.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL((u) => u.pathname === '/dashboard');
    expect(await me()).toBe(200);
    const user = (await api<{ users: Array<{ email: string; name: string; global_role: string | null }> }>('/users')).users.find((u) => u.email === INVITEE.email);
    expect(user).toMatchObject({ name: `${INVITEE.name} Jr`, global_role: 'observer' });
    // The link worked once.
    await signOut();
    await page.goto(`${server.url}${url.pathname}${url.search}`);
    await page.getByRole('alert').getByText('This invitation cannot be used').waitFor();
  }, 120_000);

  it('email two-factor login: the login page says a mail was sent, and the mailed link finishes the login', async () => {
    const mfa = { email: 'twofactor@example.com', name: 'Tia Twofactor', password: 'twofactor-pass123#' };
    const { user } = await api<{ user: { id: number } }>('/users/admin', { method: 'POST', body: { ...mfa, admin_forced_password_reset: false, global_role: 'observer' } });
    await api(`/users/${user.id}`, { method: 'PATCH', body: { mfa_enabled: true } });
    await signOut();
    await signIn(mfa.email, mfa.password);
    await page.getByRole('status').getByText('We sent an email to you').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    const link = new URL(await mailedLink(mfa.email, '/login/mfa/'), server.url);
    await page.goto(`${server.url}${link.pathname}`);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL((u) => u.pathname === '/dashboard');
    expect(await me()).toBe(200);
  }, 120_000);

  it('email change: the link of the mail to the new address, opened while signed in, confirms it', async () => {
    const who = { email: 'mover@example.com', name: 'Mo Mover', password: 'mover-pass1234#' };
    await api('/users/admin', { method: 'POST', body: { ...who, admin_forced_password_reset: false, global_role: 'observer' } });
    const session = ((await (await fetch(`${server.url}/api/latest/fleet/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: who.email, password: who.password }),
    })).json()) as { token: string; user: { id: number } });
    await api(`/users/${session.user.id}`, { method: 'PATCH', auth: session.token, body: { email: 'moved@example.com', password: who.password } });
    const link = new URL(await mailedLink('moved@example.com', '/email/change/'), server.url);
    await signOut();
    await page.goto(`${server.url}${link.pathname}`);
    await page.waitForURL((u) => u.pathname === '/login');
    await field('Email').fill(who.email);
    await page.getByLabel('Password', { exact: true }).fill(who.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL((u) => u.pathname === link.pathname);
    await page.getByRole('status').getByText('Your email address is now moved@example.com').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'account-email-change');
    expect(await loginStatus('moved@example.com', who.password)).toBe(200);
  }, 120_000);

  it('my account: the header links to /profile, which shows who is signed in, reveals a session token that works for the API, and changes the password', async () => {
    const who = { email: 'keeper@example.com', name: 'Kim Keeper', password: 'keeper-pass1234#' };
    const next = 'keeper-new-pass1234#';
    await api('/users/admin', { method: 'POST', body: { ...who, admin_forced_password_reset: false, global_role: 'maintainer' } });
    await signOut();
    await signIn(who.email, who.password);
    await page.waitForURL((u) => u.pathname === '/dashboard');
    await page.getByRole('link', { name: who.name }).click();
    await page.waitForURL((u) => u.pathname === '/profile');
    await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
    await page.getByText(who.email, { exact: true }).waitFor();
    expect(await page.getByText('Maintainer', { exact: true }).count()).toBe(1);

    await page.getByRole('button', { name: 'Show API token' }).click();
    const shown = (await page.getByTestId('api-token').innerText()).trim();
    const mine = await fetch(`${server.url}/api/latest/fleet/me`, { headers: { authorization: `Bearer ${shown}` } });
    expect(mine.status).toBe(200);
    expect(((await mine.json()) as { user: { email: string } }).user.email).toBe(who.email);

    // A wrong current password is refused with the server's words; the change below, made with the old password,
    // shows it changed nothing (a login here would count against the login rate limit).
    await page.getByLabel('Current password', { exact: true }).fill('not-my-password1#');
    await page.getByLabel('New password', { exact: true }).fill(next);
    await page.getByLabel('Confirm new password', { exact: true }).fill(next);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('alert').getByText(/old password does not match/).waitFor();

    await page.getByLabel('Current password', { exact: true }).fill(who.password);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('status').getByText('Use the new password the next time you log in.').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    // The server now takes the new password as the current one and no longer the old one (asked through
    // change_password with the session's token: logins here would run into the per-IP login limit of the spec).
    const change = async (from: string, to: string) => (await fetch(`${server.url}/api/latest/fleet/change_password`, {
      method: 'POST', headers: { authorization: `Bearer ${shown}`, 'content-type': 'application/json' },
      body: JSON.stringify({ old_password: from, new_password: to }),
    })).status;
    expect([await change(who.password, 'keeper-third-pass1234#'), await change(next, 'keeper-third-pass1234#')]).toEqual([422, 200]);

    expect(await sweepPages(page, server.url, [
      { name: 'account-profile', path: '/profile', ready: (p) => p.getByRole('button', { name: 'Show API token' }).waitFor() },
    ])).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });
  }, 120_000);

  it('single sign-on: no button while SSO is off; "Sign in with <IdP>" goes through the identity provider and back signed in; a refused sign-on is worded on the login page', async () => {
    await signOut();
    await page.goto(`${server.url}/login`);
    await page.getByRole('link', { name: 'Forgot password?' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('button', { name: /^Sign in with/ }).count()).toBe(0);

    const idp = await SamlTestIdp.start();
    try {
      idp.user = { nameId: 'sso.person@example.com', attributes: { FLEET_JIT_USER_ROLE_GLOBAL: ['observer'] } };
      await api('/config', { method: 'PATCH', body: {
        server_settings: { server_url: server.url },
        sso_settings: { enable_sso: true, idp_name: 'Test IdP', entity_id: 'fleet-e2e-accounts', metadata_url: idp.metadataUrl, enable_jit_provisioning: true },
      } });
      await page.goto(`${server.url}/login?next=%2Fsoftware`);
      await page.getByRole('button', { name: 'Sign in with Test IdP' }).click();
      // The IdP answers with a form that posts itself to the callback, whose page stores the session and goes on to `next`.
      await page.waitForURL((u) => u.pathname === '/software', { timeout: 30_000 });
      await page.getByRole('heading', { level: 1, name: 'Software' }).waitFor();
      expect(await me()).toBe(200);
      const t = await page.evaluate<string | null>("localStorage.getItem('fleet.token')");
      const who = (await (await fetch(`${server.url}/api/latest/fleet/me`, { headers: { authorization: `Bearer ${t ?? ''}` } })).json()) as { user: { email: string; global_role: string } };
      expect([who.user.email, who.user.global_role]).toEqual(['sso.person@example.com', 'observer']);

      // An SSO invitation: the mailed link (/login/ssoinvites/<token>) opens the invite page, which creates the account
      // without a password and signs in through the IdP.
      await api('/invites', { method: 'POST', body: { email: 'sso.invitee@example.com', name: 'Sam Sso', sso_enabled: true, global_role: 'maintainer' } });
      const ssoInvite = new URL(await mailedLink('sso.invitee@example.com', '/login/ssoinvites/'), server.url);
      idp.user = { nameId: 'sso.invitee@example.com' };
      await signOut();
      await page.goto(`${server.url}${ssoInvite.pathname}`);
      await page.getByRole('button', { name: 'Create account and sign in with Test IdP' }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, 'account-sso-invite');
      await page.getByRole('button', { name: 'Create account and sign in with Test IdP' }).click();
      await page.waitForURL((u) => u.pathname === '/dashboard', { timeout: 30_000 });
      await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
      const t2 = await page.evaluate<string | null>("localStorage.getItem('fleet.token')");
      const invited = (await (await fetch(`${server.url}/api/latest/fleet/me`, { headers: { authorization: `Bearer ${t2 ?? ''}` } })).json()) as { user: { email: string; name: string; global_role: string; sso_enabled: boolean } };
      expect([invited.user.email, invited.user.name, invited.user.global_role, invited.user.sso_enabled]).toEqual(['sso.invitee@example.com', 'Sam Sso', 'maintainer', true]);

      await signOut();
      await page.goto(`${server.url}/login?status=account_invalid`);
      await page.getByRole('alert').getByText('There is no Fleet account for the identity you signed in with').waitFor();
      await page.waitForLoadState('networkidle');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, 'account-login-sso-refused');
    } finally {
      // SSO stays on: the account pages' sweep below checks and screenshots the login page with its button.
      await idp.close();
    }
  }, 120_000);

  it('the account pages: one h1, no critical or serious axe-core violation, a screenshot at 1280 and 390 px', async () => {
    await api('/invites', { method: 'POST', body: { email: 'later@example.com', name: 'Lee Later', sso_enabled: false, global_role: 'observer' } });
    const invite = new URL(await mailedLink('later@example.com', '/login/invites/'), server.url);
    await fetch(`${server.url}/api/latest/fleet/forgot_password`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ADMIN.email }) });
    const reset = new URL(await mailedLink(ADMIN.email, '/login/reset?token='), server.url);
    const pages: Array<{ name: string; path: string; ready: (p: Page) => Promise<unknown> }> = [
      { name: 'account-login', path: '/login', ready: (p) => p.getByRole('button', { name: 'Sign in with Test IdP' }).waitFor() },
      { name: 'account-forgot', path: '/login/forgot', ready: (p) => p.getByRole('button', { name: 'Send reset link' }).waitFor() },
      { name: 'account-reset', path: `${reset.pathname}${reset.search}`, ready: (p) => p.getByRole('button', { name: 'Change password' }).waitFor() },
      { name: 'account-invite', path: `${invite.pathname}${invite.search}`, ready: (p) => p.getByRole('button', { name: 'Create account' }).waitFor() },
      { name: 'account-mfa', path: '/login/mfa/not-a-token', ready: (p) => p.getByRole('button', { name: 'Log in' }).waitFor() },
    ];
    await signOut();
    expect(await sweepPages(page, server.url, pages)).toEqual([]);
  }, 240_000);
});
