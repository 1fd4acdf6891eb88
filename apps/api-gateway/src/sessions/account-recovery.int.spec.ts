 
import { accountRoutes, MFA_EMAIL_SENT_MESSAGE, sessionRoutes, userRoutes } from '@fleet/contracts';
import { processEnv } from '@fleet/config';
import { eventually } from '@fleet/testing';
import { TEST_PASSWORD } from '../testing/admin-test-kit';
import { startMailTestKit } from '../testing/mail-test-kit';
import type { MailTestKit } from '../testing/mail-test-kit';

const NEW_PASSWORD = 'brand-new-pass-99!';
const SMTP_OUTAGE_MS = Number(processEnv()['FLEET_TEST_SMTP_OUTAGE_MS'] ?? 0);

describe('password reset, email two-factor login and email changes through a real SMTP server (MariaDB + Redis + SMTP)', () => {
  let m: MailTestKit;
  beforeAll(async () => { m = await startMailTestKit('recovery'); });
  afterAll(async () => { await m.close(); });
  beforeEach(async () => {
    await m.kit.reset();
    await m.configureSmtp();
  });

  const forgot = (email: string) => m.kit.call(accountRoutes.forgotPassword, { body: { email } });
  const reset = (token: string, password = NEW_PASSWORD) =>
    m.kit.call(accountRoutes.resetPassword, { body: { password_reset_token: token, new_password: password, new_password_confirmation: password } });
  const login = (email: string, password: string, mfa = true) =>
    m.kit.api('POST', '/api/latest/fleet/login', { body: { email, password, ...(mfa ? { supports_email_verification: true } : {}) } });

  it('forgot_password answers the same for a known and an unknown address; the mailed token resets once, ends every session, then is refused', async () => {
    const user = await m.kit.user({ email: 'jane@example.com', global_role: 'observer' });
    const unknown = await forgot('nobody@example.com');
    const known = await forgot('jane@example.com');
    expect([known.status, known.text]).toEqual([unknown.status, unknown.text]);
    expect(known.status).toBe(202);

    const mail = await m.mailTo('jane@example.com');
    expect(mail.subject).toBe('Reset Your Fleet Password');
    const token = m.linkToken(mail, '/login/reset?token=');
    expect(m.smtp.to('nobody@example.com')).toEqual([]);

    const weak = await reset(token, 'weakpassword');
    expect(weak.body).toEqual({ message: 'Validation Failed', errors: [{ name: 'new_password', reason: 'Password must meet the criteria below' }] });
    const same = await reset(token, TEST_PASSWORD);
    expect(same.body).toEqual({ message: 'Validation Failed', errors: [{ name: 'new_password', reason: 'Cannot reuse old password' }] });

    expect((await reset(token)).status).toBe(200);
    expect((await m.kit.api('GET', '/api/latest/fleet/me', { token: user.token })).status).toBe(401);
    expect((await login('jane@example.com', TEST_PASSWORD)).status).toBe(401);
    expect((await login('jane@example.com', NEW_PASSWORD)).status).toBe(200);

    const reused = await reset(token, 'another-pass-123!');
    expect(reused.status).toBe(401);
    expect(reused.body?.message).toBe('Authentication failed');
    const done = await m.kit.db.dataSource.query<Array<{ user_id: number }>>("SELECT user_id FROM activities WHERE activity_type = 'reset_password'");
    expect(done).toEqual([{ user_id: user.id }]);
  });

  it('a reset token is refused once expired, and a second request voids nothing but both links die with the first reset', async () => {
    await m.kit.user({ email: 'old@example.com', global_role: 'observer' });
    await forgot('old@example.com');
    await forgot('old@example.com');
    const first = m.linkToken(await m.mailTo('old@example.com', 1), '/login/reset?token=');
    const second = m.linkToken(await m.mailTo('old@example.com', 2), '/login/reset?token=');
    expect(first).not.toBe(second);
    await m.kit.db.dataSource.query('UPDATE account_tokens SET expires_at = ? WHERE kind = ?', [new Date(Date.now() - 1000), 'password_reset']);
    expect((await reset(first)).status).toBe(401);
    await m.kit.db.dataSource.query('UPDATE account_tokens SET expires_at = ? WHERE kind = ?', [new Date(Date.now() + 3600_000), 'password_reset']);
    expect((await reset(second)).status).toBe(200);
    expect((await reset(first)).status).toBe(401);
  });

  it('forgot_password is 500 "email not configured" while SMTP is off, for every address', async () => {
    await m.kit.user({ email: 'x@example.com' });
    await m.kit.db.dataSource.query("UPDATE app_config_json SET json_value = '{}'");
    for (const email of ['x@example.com', 'nobody@example.com']) {
      const r = await forgot(email);
      expect(r.status).toBe(500);
      expect(r.body).toMatchObject({ message: 'Unknown Error', errors: [{ name: 'base', reason: 'email not configured' }] });
    }
  });

  it('an mfa_enabled user logs in only through the mailed link, which works once', async () => {
    const admin = await m.kit.user({});
    const user = await m.kit.user({ email: 'mfa@example.com', global_role: 'observer' });
    const enabled = await m.kit.call(userRoutes.modify, { params: { id: user.id }, body: { mfa_enabled: true } }, { token: admin.token });
    expect(enabled.ok && enabled.body.user.mfa_enabled).toBe(true);

    const cli = await login('mfa@example.com', TEST_PASSWORD, false);
    expect(cli.status).toBe(400);
    expect(cli.body.errors[0].reason).toBe('Your login client does not support MFA. Please log in via the web, then use an API token to authenticate.');
    expect((await login('mfa@example.com', 'wrong-password-1!')).status).toBe(401);

    const first = await login('mfa@example.com', TEST_PASSWORD);
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ message: MFA_EMAIL_SENT_MESSAGE });
    const mail = await m.mailTo('mfa@example.com');
    expect(mail.subject).toBe('Log in to Fleet');
    expect(mail.text).toContain('15 minutes');
    const token = m.linkToken(mail, '/login/mfa/');
    const sessionsBefore = await m.kit.db.dataSource.query('SELECT id FROM sessions WHERE user_id = ?', [user.id]);

    const done = await m.kit.call(accountRoutes.mfaSession, { body: { token } });
    if (!done.ok) throw new Error(done.text);
    expect(done.body.user.email).toBe('mfa@example.com');
    expect((await m.kit.api('GET', '/api/latest/fleet/me', { token: done.body.token })).status).toBe(200);
    expect(await m.kit.db.dataSource.query('SELECT id FROM sessions WHERE user_id = ?', [user.id])).toHaveLength(sessionsBefore.length + 1);

    const again = await m.kit.call(accountRoutes.mfaSession, { body: { token } });
    expect(again.status).toBe(401);
    expect((await m.kit.call(accountRoutes.mfaSession, { body: { token: 'made-up' } })).status).toBe(401);

    await login('mfa@example.com', TEST_PASSWORD);
    const late = m.linkToken(await m.mailTo('mfa@example.com', 2), '/login/mfa/');
    await m.kit.db.dataSource.query("UPDATE account_tokens SET expires_at = ? WHERE kind = 'mfa'", [new Date(Date.now() - 1000)]);
    expect((await m.kit.call(accountRoutes.mfaSession, { body: { token: late } })).status).toBe(401);
  });

  it('mfa needs working mail and excludes SSO, with Fleet’s answers', async () => {
    const admin = await m.kit.user({});
    const user = await m.kit.user({ global_role: 'observer' });
    const sso = await m.kit.call(userRoutes.modify, { params: { id: user.id }, body: { mfa_enabled: true, sso_enabled: true } }, { token: admin.token });
    expect(sso.status).toBe(409);
    await m.kit.db.dataSource.query("UPDATE app_config_json SET json_value = '{}'");
    const noMail = await m.kit.call(userRoutes.modify, { params: { id: user.id }, body: { mfa_enabled: true } }, { token: admin.token });
    expect(noMail.status).toBe(400);
    expect(noMail.body).toMatchObject({ errors: [{ name: 'base', reason: 'Email must be set up to enable Fleet MFA' }] });
  });

  it('a new email address takes effect once confirmed from the mail sent to it, once', async () => {
    const user = await m.kit.user({ email: 'before@example.com', global_role: 'observer' });
    const changed = await m.kit.call(userRoutes.modify, { params: { id: user.id }, body: { email: 'after@example.com', password: TEST_PASSWORD } }, { token: user.token });
    expect(changed.ok && changed.body.user.email).toBe('before@example.com');
    const mail = await m.mailTo('after@example.com');
    expect(mail.subject).toBe('Confirm Fleet Email Change');
    const token = m.linkToken(mail, '/email/change/');

    const other = await m.kit.user({ global_role: 'observer' });
    expect((await m.kit.call(accountRoutes.confirmEmailChange, { params: { token } }, { token: other.token })).status).toBe(404);
    const confirmed = await m.kit.call(accountRoutes.confirmEmailChange, { params: { token } }, { token: user.token });
    expect(confirmed.ok && confirmed.body).toEqual({ new_email: 'after@example.com' });
    const me = await m.kit.call(sessionRoutes.me, {}, { token: user.token });
    expect(me.ok && me.body.user.email).toBe('after@example.com');
    expect((await m.kit.call(accountRoutes.confirmEmailChange, { params: { token } }, { token: user.token })).status).toBe(404);
  });

  it('mail queued while the SMTP server is down is delivered once it is back, exactly once', async () => {
    await m.kit.user({ email: 'patient@example.com', global_role: 'observer' });
    await m.smtp.stop();
    const downSince = Date.now();
    try {
      expect((await forgot('patient@example.com')).status).toBe(202);
      await eventually('two failed delivery attempts', () => m.kit.app.logs.filter((l) => l['msg'] === 'mail: attempt failed' && l['mail'] === 'password_reset').length,
        (n) => n >= 2);
      // Down for SMTP_OUTAGE_MS at least (`FLEET_TEST_SMTP_OUTAGE_MS=60000` for the minute-long outage); the job keeps retrying meanwhile.
      await eventually('the outage to last', () => Date.now() - downSince, (ms) => ms >= SMTP_OUTAGE_MS, SMTP_OUTAGE_MS + 30_000, 500);
      expect(m.smtp.to('patient@example.com')).toEqual([]);
    } finally {
      await m.smtp.restart();
    }
    const mail = await m.mailTo('patient@example.com');
    expect((await reset(m.linkToken(mail, '/login/reset?token='))).status).toBe(200);
    await eventually('the delivery logged', () => m.kit.app.logs.filter((l) => l['msg'] === 'mail: delivered' && l['mail'] === 'password_reset').length, (n) => n >= 1);
    expect(m.smtp.to('patient@example.com')).toHaveLength(1);
  }, SMTP_OUTAGE_MS + 120_000);
});
