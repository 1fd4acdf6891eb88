import { startAdminTestKit, TEST_PASSWORD } from '../testing/admin-test-kit';
import type { AdminTestKit } from '../testing/admin-test-kit';

describe('setup, login, sessions (MariaDB + Redis)', () => {
  let kit: AdminTestKit;
  beforeAll(async () => { kit = await startAdminTestKit('sessions'); });
  afterAll(async () => { await kit.close(); });
  beforeEach(async () => { await kit.reset(); });

  const setupBody = (password = 'adminpass123!') => ({
    admin: { admin: true, email: 'admin@example.com', name: 'Admin', password, password_confirmation: password },
    org_info: { org_name: 'Acme' }, server_url: 'https://fleet.example.com',
  });

  it('setup creates the first admin once, then answers 404', async () => {
    const r = await kit.api('POST', '/api/v1/setup', { body: setupBody() });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ admin: { email: 'admin@example.com', global_role: 'admin', api_only: false }, org_info: { org_name: 'Acme' },
      server_url: 'https://fleet.example.com', osquery_enroll_secret: null });
    expect(typeof r.body.token).toBe('string');
    expect(JSON.stringify(r.body)).not.toMatch(/password_hash|\$2[aby]\$/);
    const me = await kit.api('GET', '/api/latest/fleet/me', { token: r.body.token });
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe('admin@example.com');
    const again = await kit.api('POST', '/api/v1/setup', { body: setupBody() });
    expect(again.status).toBe(404);
  });

  it('setup refuses a weak password with Fleet’s reason', async () => {
    const r = await kit.api('POST', '/api/v1/setup', { body: setupBody('short1!') });
    expect(r.status).toBe(422);
    expect(r.body).toEqual({ message: 'Validation Failed', errors: [{ name: 'password', reason: 'Password must meet the criteria below' }] });
  });

  it('login returns user, token and available_teams under every version prefix; bad credentials are 401', async () => {
    const u = await kit.user({ email: 'jane@example.com', global_role: 'observer' });
    const teamId = await kit.team('Workstations');
    for (const prefix of ['/api/v1/fleet', '/api/2022-04/fleet', '/api/latest/fleet']) {
      const r = await kit.api('POST', `${prefix}/login`, { body: { email: u.email, password: TEST_PASSWORD } });
      expect(r.status).toBe(200);
      expect(r.body.user).toMatchObject({ id: u.id, email: 'jane@example.com', global_role: 'observer' });
      expect(r.body.available_teams).toEqual([{ id: teamId, name: 'Workstations', description: '' }]);
    }
    const bad = await kit.api('POST', '/api/v1/fleet/login', { body: { email: u.email, password: 'wrong' } });
    expect(bad.status).toBe(401);
    expect(bad.body).toEqual({ message: 'Authentication failed', errors: [{ name: 'base', reason: 'Authentication failed' }] });
    const failed = await kit.db.dataSource.query("SELECT details FROM activities WHERE activity_type = 'user_failed_login'");
    expect(failed).toHaveLength(1);
    // Fleet initiated it: the actor fields are left out (Fleet's omitempty), not sent as null or "".
    const listed = (await kit.api('GET', '/api/v1/fleet/activities', { token: u.token })).body.activities as Array<Record<string, unknown>>;
    const entry = listed.find((a) => a['type'] === 'user_failed_login');
    expect(entry).toBeDefined();
    for (const k of ['actor_full_name', 'actor_id', 'actor_email', 'actor_gravatar']) expect(entry).not.toHaveProperty(k);
    expect(entry).toMatchObject({ fleet_initiated: true, details: { email: u.email } });
    const byUser = listed.find((a) => a['type'] === 'user_logged_in');
    expect(byUser).toMatchObject({ actor_id: u.id, actor_email: u.email, actor_full_name: expect.any(String), actor_gravatar: expect.any(String) });
  });

  it('answers 401 without a header and with a bad token', async () => {
    expect((await kit.api('GET', '/api/v1/fleet/me')).body.message).toBe('Authorization header required');
    const bad = await kit.api('GET', '/api/v1/fleet/me', { token: 'nope' });
    expect(bad.status).toBe(401);
    expect(bad.body.message).toBe('Authentication failed');
  });

  it('logout ends the session', async () => {
    const u = await kit.user({});
    expect((await kit.api('POST', '/api/v1/fleet/logout', { token: u.token })).body).toEqual({});
    expect((await kit.api('GET', '/api/v1/fleet/me', { token: u.token })).status).toBe(401);
  });

  it('sessions expire session.duration after their last use', async () => {
    const u = await kit.user({ global_role: 'observer' });
    await kit.db.dataSource.query('UPDATE sessions SET accessed_at = ? WHERE user_id = ?', [new Date(Date.now() - 121 * 3600_000), u.id]);
    expect((await kit.api('GET', '/api/v1/fleet/me', { token: u.token })).status).toBe(401);
    const api = await kit.user({ global_role: 'observer', api_only: true });
    await kit.db.dataSource.query('UPDATE sessions SET accessed_at = ? WHERE user_id = ?', [new Date(Date.now() - 1000 * 3600_000), api.id]);
    expect((await kit.api('GET', '/api/v1/fleet/me', { token: api.token })).status).toBe(200);
  });

  it('lists and deletes sessions; others’ sessions are forbidden to non-admins', async () => {
    const admin = await kit.user({});
    const obs = await kit.user({ global_role: 'observer' });
    const list = await kit.api('GET', `/api/v1/fleet/users/${obs.id}/sessions`, { token: obs.token });
    expect(list.status).toBe(200);
    const sid = list.body.sessions[0].session_id as number;
    expect(list.body.sessions[0]).toEqual({ session_id: sid, user_id: obs.id, created_at: expect.any(String) });
    expect((await kit.api('GET', `/api/v1/fleet/sessions/${sid}`, { token: obs.token })).status).toBe(200);
    expect((await kit.api('GET', `/api/v1/fleet/users/${admin.id}/sessions`, { token: obs.token })).status).toBe(403);
    expect((await kit.api('DELETE', `/api/v1/fleet/sessions/${sid}`, { token: admin.token })).status).toBe(200);
    expect((await kit.api('GET', '/api/v1/fleet/me', { token: obs.token })).status).toBe(401);
  });

  it('change_password enforces the old password and the rules', async () => {
    const u = await kit.user({ global_role: 'observer' });
    const wrong = await kit.api('POST', '/api/v1/fleet/change_password', { token: u.token, body: { old_password: 'x', new_password: 'newpassword12!' } });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors).toEqual([{ name: 'old_password', reason: 'old password does not match' }]);
    for (const weak of ['short1!', 'nodigitsinthis!!', 'nosymbolsinthis12', 'a1!'.repeat(17)]) {
      const r = await kit.api('POST', '/api/v1/fleet/change_password', { token: u.token, body: { old_password: TEST_PASSWORD, new_password: weak } });
      expect(r.body.errors).toEqual([{ name: 'new_password', reason: 'Password must meet the criteria below' }]);
    }
    const ok = await kit.api('POST', '/api/v1/fleet/change_password', { token: u.token, body: { old_password: TEST_PASSWORD, new_password: 'newpassword12!' } });
    expect(ok.status).toBe(200);
    expect((await kit.api('POST', '/api/v1/fleet/login', { body: { email: u.email, password: 'newpassword12!' } })).status).toBe(200);
  });

  it('rate-limits login per IP and per account with 429 and Retry-After', async () => {
    const u = await kit.user({ email: 'target@example.com' });
    let last = await kit.api('POST', '/api/v1/fleet/login', { body: { email: u.email, password: 'bad' }, headers: { 'x-forwarded-for': '10.0.0.1' } });
    for (let i = 0; i < 10; i++) last = await kit.api('POST', '/api/v1/fleet/login', { body: { email: `x${i}@e.com`, password: 'bad' }, headers: { 'x-forwarded-for': '10.0.0.1' } });
    expect(last.status).toBe(429);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last.body.message).toMatch(/^limit exceeded, retry after: \d+s$/);
    for (let i = 0; i < 9; i++) await kit.api('POST', '/api/v1/fleet/login', { body: { email: u.email, password: 'bad' }, headers: { 'x-forwarded-for': `10.1.0.${i}` } });
    const locked = await kit.api('POST', '/api/v1/fleet/login', { body: { email: u.email, password: TEST_PASSWORD }, headers: { 'x-forwarded-for': '10.2.0.1' } });
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBeTruthy();
  });

  it('believes client-address headers only from trusted proxies: rotating X-Forwarded-For from elsewhere still hits the per-IP limit', async () => {
    const direct = await startAdminTestKit('sessions_untrusted', { server_trusted_proxies: '10.9.9.9' });
    try {
      let last = await direct.api('POST', '/api/v1/fleet/login', { body: { email: 'a@e.com', password: 'bad' }, headers: { 'x-forwarded-for': '203.0.113.1' } });
      for (let i = 0; i < 10; i++) {
        last = await direct.api('POST', '/api/v1/fleet/login', { body: { email: `y${i}@e.com`, password: 'bad' }, headers: { 'x-forwarded-for': `203.0.113.${i + 2}`, 'true-client-ip': `198.51.100.${i}`, 'x-real-ip': `192.0.2.${i}` } });
      }
      expect(last.status).toBe(429);
    } finally {
      await direct.close();
    }
  });
});
