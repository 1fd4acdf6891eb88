import { accountRoutes, inviteRoutes, sessionRoutes } from '@fleet/contracts';
import { startMailTestKit } from '../testing/mail-test-kit';
import type { MailTestKit } from '../testing/mail-test-kit';

const STRONG = 'invitee-pass-1234!';

describe('invites through a real SMTP server (MariaDB + Redis + SMTP)', () => {
  let m: MailTestKit;
  beforeAll(async () => { m = await startMailTestKit('invites'); });
  afterAll(async () => { await m.close(); });
  beforeEach(async () => {
    await m.kit.reset();
    await m.configureSmtp();
  });

  const activities = async (type: string) => m.kit.db.dataSource.query<Array<{ details: Record<string, unknown>; user_id: number | null }>>(
    'SELECT details, user_id FROM activities WHERE activity_type = ? ORDER BY id', [type]);

  it('an invite with a team role is mailed; its token verifies, creates the user once, then is refused', async () => {
    const admin = await m.kit.user({});
    const team = await m.kit.team('Workstations');
    const created = await m.kit.call(inviteRoutes.create, { body: { email: 'New.Person@Example.com', name: 'New Person', sso_enabled: false, teams: [{ id: team, role: 'maintainer' }] } },
      { token: admin.token });
    if (!created.ok) throw new Error(created.text);
    expect(created.body.invite).toMatchObject({ email: 'new.person@example.com', name: 'New Person', invited_by: admin.id, global_role: null, sso_enabled: false,
      mfa_enabled: false, teams: [{ id: team, name: 'Workstations', role: 'maintainer' }] });
    expect(created.text).not.toMatch(/token/);

    const mail = await m.mailTo('new.person@example.com');
    expect(mail.subject).toBe('You have been invited to Fleet!');
    expect(mail.from).toBe('fleet@example.test');
    expect(mail.text).toContain('has invited you to join Acme');
    expect(mail.text).toContain('?name=New+Person&email=new.person%40example.com');
    const token = m.linkToken(mail, '/login/invites/');
    expect(mail.html).toContain(`/login/invites/${token}?name=New+Person&amp;email=new.person%40example.com`);

    const verified = await m.kit.call(inviteRoutes.verify, { params: { token } });
    expect(verified.ok && verified.body.invite.id).toBe(created.body.invite.id);

    const body = { email: 'new.person@example.com', invite_token: token, name: 'New Person', password: STRONG, password_confirmation: STRONG };
    const user = await m.kit.call(accountRoutes.createUserFromInvite, { body });
    if (!user.ok) throw new Error(user.text);
    expect(user.body.user).toMatchObject({ email: 'new.person@example.com', global_role: null, sso_enabled: false, force_password_reset: false,
      teams: [{ id: team, role: 'maintainer' }] });
    const login = await m.kit.call(sessionRoutes.login, { body: { email: 'new.person@example.com', password: STRONG } });
    expect(login.ok).toBe(true);

    const again = await m.kit.call(accountRoutes.createUserFromInvite, { body });
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ message: 'Resource Not Found', errors: [{ name: 'base', reason: `Invite with token ${token} was not found in the datastore` }] });
    expect((await m.kit.call(inviteRoutes.verify, { params: { token } })).status).toBe(404);
    expect((await m.kit.call(inviteRoutes.list, {}, { token: admin.token })).body).toEqual({ invites: [] });

    const createdUser = await activities('created_user');
    expect(createdUser).toHaveLength(1);
    expect(createdUser[0].user_id).toBe(admin.id);
    expect(createdUser[0].details).toMatchObject({ user_email: 'new.person@example.com', via_invite: true });
    expect(await activities('created_invite')).toHaveLength(1);
    expect(await activities('changed_user_team_role')).toHaveLength(1);
  });

  it('refuses an expired invite (app.invite_token_validity_period) and one used with another email or a weak password', async () => {
    const admin = await m.kit.user({});
    await m.kit.call(inviteRoutes.create, { body: { email: 'late@example.com', name: 'Late', global_role: 'observer' } }, { token: admin.token });
    const token = m.linkToken(await m.mailTo('late@example.com'), '/login/invites/');
    const base = { email: 'late@example.com', invite_token: token, name: 'Late', password: STRONG };

    const otherEmail = await m.kit.call(accountRoutes.createUserFromInvite, { body: { ...base, email: 'someone.else@example.com' } });
    expect(otherEmail.status).toBe(422);
    const weak = await m.kit.call(accountRoutes.createUserFromInvite, { body: { ...base, password: 'short' } });
    expect(weak.body).toEqual({ message: 'Validation Failed', errors: [{ name: 'password', reason: 'Password must meet the criteria below' }] });

    await m.kit.db.dataSource.query('UPDATE invites SET created_at = ? WHERE email = ?', [new Date(Date.now() - 121 * 3600_000), 'late@example.com']);
    const expired = await m.kit.call(inviteRoutes.verify, { params: { token } });
    expect(expired.status).toBe(422);
    expect(expired.body).toEqual({ message: 'Validation Failed', errors: [{ name: 'invite_token', reason: 'Invite token has expired.' }] });
    expect((await m.kit.call(accountRoutes.createUserFromInvite, { body: base })).status).toBe(422);
    expect(await m.kit.db.dataSource.query("SELECT id FROM users WHERE email = 'late@example.com'")).toEqual([]);
  });

  it('an SSO-only invite links to /login/ssoinvites and creates an SSO user without a password, who cannot log in with one', async () => {
    const admin = await m.kit.user({});
    await m.kit.call(inviteRoutes.create, { body: { email: 'sso@example.com', name: 'Sso', sso_enabled: true, global_role: 'observer' } }, { token: admin.token });
    const mail = await m.mailTo('sso@example.com');
    expect(mail.text).not.toContain('/login/invites/');
    const token = m.linkToken(mail, '/login/ssoinvites/');
    const user = await m.kit.call(accountRoutes.createUserFromInvite, { body: { email: 'sso@example.com', invite_token: token, name: 'Sso' } });
    if (!user.ok) throw new Error(user.text);
    expect(user.body.user).toMatchObject({ sso_enabled: true, global_role: 'observer' });
    expect((await m.kit.call(sessionRoutes.login, { body: { email: 'sso@example.com', password: STRONG } })).status).toBe(401);
  });

  it('lists, changes and withdraws invites with Fleet’s rules and answers', async () => {
    const admin = await m.kit.user({});
    const observer = await m.kit.user({ global_role: 'observer' });
    const existing = await m.kit.user({ email: 'taken@example.com' });
    void existing;
    const create = (body: Record<string, unknown>) => m.kit.api('POST', '/api/latest/fleet/invites', { token: admin.token, body });

    expect((await create({ email: 'taken@example.com', name: 'T', global_role: 'observer' })).body)
      .toEqual({ message: 'Validation Failed', errors: [{ name: 'email', reason: 'a user with this account already exists' }] });
    expect((await create({ email: 'both@example.com', name: 'B', global_role: 'observer', teams: [{ id: await m.kit.team('T'), role: 'observer' }] })).status).toBe(422);
    expect((await create({ email: 'none@example.com', name: 'N' })).status).toBe(422);
    const conflict = await create({ email: 'mfa@example.com', name: 'M', global_role: 'observer', sso_enabled: true, mfa_enabled: true });
    expect(conflict.status).toBe(409);
    expect(conflict.body.errors[0].reason).toBe('Fleet MFA is is not applicable to SSO users');
    expect((await create({ email: 'gitops@example.com', name: 'G', global_role: 'gitops' })).status).toBe(422);
    expect((await create({ email: 'a@example.com', name: 'Alice', global_role: 'observer' })).status).toBe(200);
    expect((await create({ email: 'a@example.com', name: 'Alice', global_role: 'observer' })).status).toBe(409);
    const bob = (await create({ email: 'b@example.com', name: 'Bob', global_role: 'maintainer' })).body.invite.id as number;

    const listed = await m.kit.call(inviteRoutes.list, { query: { query: 'bob' } }, { token: admin.token });
    expect(listed.ok && listed.body.invites.map((i) => i.email)).toEqual(['b@example.com']);
    expect((await m.kit.call(inviteRoutes.list, {}, { token: observer.token })).status).toBe(403);

    const renamed = await m.kit.call(inviteRoutes.modify, { params: { id: bob }, body: { name: 'Robert', global_role: 'admin' } }, { token: admin.token });
    expect(renamed.ok && renamed.body.invite).toMatchObject({ name: 'Robert', global_role: 'admin', email: 'b@example.com' });
    expect((await m.kit.call(inviteRoutes.modify, { params: { id: bob }, body: { email: 'a@example.com' } }, { token: admin.token })).status).toBe(409);
    expect((await m.kit.call(inviteRoutes.modify, { params: { id: 999999 }, body: { name: 'x' } }, { token: admin.token })).status).toBe(404);

    expect((await m.kit.call(inviteRoutes.delete, { params: { id: bob } }, { token: admin.token })).status).toBe(200);
    expect((await m.kit.call(inviteRoutes.delete, { params: { id: bob } }, { token: admin.token })).status).toBe(404);
    expect(await activities('edited_invite')).toHaveLength(1);
    expect(await activities('deleted_invite')).toHaveLength(1);
  });

  it('PATCH /config tests new SMTP settings with a mail to the admin and marks them configured; a bad server is 422 and nothing is saved', async () => {
    const admin = await m.kit.user({ email: 'root@example.com' });
    await m.kit.db.dataSource.query("UPDATE app_config_json SET json_value = '{}'");
    const patch = (smtp: Record<string, unknown>) => m.kit.api('PATCH', '/api/latest/fleet/config', { token: admin.token, body: { smtp_settings: smtp } });
    const good = { enable_smtp: true, sender_address: 'fleet@example.test', server: '127.0.0.1', port: m.smtp.port, authentication_type: 'authtype_none',
      enable_ssl_tls: false, enable_start_tls: false, configured: false };

    const refused = await patch({ ...good, port: 1 });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].name).toBe('SMTP Options');
    expect((await m.kit.api('GET', '/api/latest/fleet/config', { token: admin.token })).body.smtp_settings).toMatchObject({ enable_smtp: false, configured: false });

    const ok = await patch(good);
    expect(ok.status).toBe(200);
    expect(ok.body.smtp_settings).toMatchObject({ enable_smtp: true, configured: true, port: m.smtp.port });
    const hello = await m.mailTo('root@example.com');
    expect(hello.subject).toBe('Hello from Fleet');

    // Unchanged settings are not tested again; turning SMTP off unconfigures it.
    expect((await patch({ ...good, configured: false })).body.smtp_settings.configured).toBe(true);
    expect(m.smtp.to('root@example.com')).toHaveLength(1);
    expect((await patch({ enable_smtp: false })).body.smtp_settings.configured).toBe(false);
  });
});
