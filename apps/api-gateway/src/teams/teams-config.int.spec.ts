/* eslint-disable @typescript-eslint/no-unsafe-call -- response bodies are untyped JSON under test */
import { startAdminTestKit } from '../testing/admin-test-kit';
import type { AdminTestKit } from '../testing/admin-test-kit';

describe('teams, enroll secrets, config and users (MariaDB + Redis, default bcrypt cost)', () => {
  let kit: AdminTestKit;
  beforeAll(async () => { kit = await startAdminTestKit('teamscfg', { auth_bcrypt_cost: '12' }); });
  afterAll(async () => { await kit.close(); });
  beforeEach(async () => { await kit.reset(); });

  it('hashes passwords with bcrypt at the default cost 12 and returns an API-only user’s token once', async () => {
    const admin = await kit.user({});
    const r = await kit.api('POST', '/api/v1/fleet/users/admin', { token: admin.token,
      body: { email: 'ci@example.com', name: 'CI', password: 'password1234!', api_only: true, global_role: 'gitops' } });
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({ email: 'ci@example.com', api_only: true, global_role: 'gitops' });
    expect(typeof r.body.token).toBe('string');
    const [row] = await kit.db.dataSource.query<Array<{ password_hash: string }>>("SELECT password_hash FROM users WHERE email = 'ci@example.com'");
    expect(row.password_hash.startsWith('$2b$12$')).toBe(true);
    expect((await kit.api('GET', '/api/v1/fleet/version', { token: r.body.token as string })).status).toBe(200);
    const dup = await kit.api('POST', '/api/v1/fleet/users/admin', { token: admin.token, body: { email: 'ci@example.com', name: 'CI', password: 'password1234!', global_role: 'observer' } });
    expect(dup.status).toBe(409);
    const gitopsHuman = await kit.api('POST', '/api/v1/fleet/users/admin', { token: admin.token,
      body: { email: 'h@example.com', name: 'H', password: 'password1234!', global_role: 'gitops' } });
    expect(gitopsHuman.status).toBe(422);
    expect(gitopsHuman.body.code).toBe(4);
    // Fleet's ValidateRole: a user needs a global role or a team role (ErrNoRoleNeeded, code 1); nothing is created.
    const noRole = await kit.api('POST', '/api/v1/fleet/users/admin', { token: admin.token, body: { email: 'none@example.com', name: 'N', password: 'password1234!' } });
    expect([noRole.status, noRole.body.code, noRole.body.message]).toEqual([422, 1, 'either global role or team role needs to be defined']);
    expect(await kit.db.dataSource.query("SELECT id FROM users WHERE email = 'none@example.com'")).toEqual([]);
    const team = await kit.team('Ops');
    const teamOnly = await kit.api('POST', '/api/v1/fleet/users/admin', { token: admin.token,
      body: { email: 'ops@example.com', name: 'O', password: 'password1234!', teams: [{ id: team, role: 'maintainer' }] } });
    expect(teamOnly.status).toBe(200);
    expect(teamOnly.body.user).toMatchObject({ global_role: null, teams: [{ id: team, name: 'Ops', role: 'maintainer' }] });
    const last = await kit.api('DELETE', `/api/v1/fleet/users/${admin.id}`, { token: admin.token });
    expect([last.status, last.body.code]).toEqual([422, 2]);
  });

  it('creates teams with secrets, hides secrets from observers, replaces global secrets', async () => {
    const admin = await kit.user({});
    const created = await kit.api('POST', '/api/v1/fleet/teams', { token: admin.token, body: { name: 'Workstations', secrets: [{ secret: 'abc' }] } });
    expect(created.body.team).toMatchObject({ name: 'Workstations', user_count: 0, host_count: 0, secrets: [{ secret: 'abc', team_id: created.body.team.id }],
      features: { enable_host_users: true, enable_software_inventory: true } });
    expect((await kit.api('POST', '/api/v1/fleet/teams', { token: admin.token, body: { name: 'Workstations' } })).status).toBe(409);
    const obs = await kit.user({ global_role: 'observer' });
    const seen = await kit.api('GET', `/api/v1/fleet/teams/${created.body.team.id}`, { token: obs.token });
    expect(seen.status).toBe(200);
    expect(seen.body.team).not.toHaveProperty('secrets');
    expect((await kit.api('POST', '/api/v1/fleet/spec/enroll_secret', { token: admin.token, body: { spec: { secrets: [{ secret: 'g1' }, { secret: 'g2' }] } } })).status).toBe(200);
    const spec = await kit.api('GET', '/api/v1/fleet/spec/enroll_secret', { token: admin.token });
    expect(spec.body.spec.secrets.map((s: { secret: string }) => s.secret).sort()).toEqual(['g1', 'g2']);
    expect((await kit.api('GET', '/api/v1/fleet/spec/enroll_secret', { token: obs.token })).status).toBe(403);
  });

  it('a new team starts with a copy of the global agent options (Fleet\'s defaults before any are set), by POST /teams and by a team spec', async () => {
    const admin = await kit.user({});
    const first = await kit.api('POST', '/api/v1/fleet/teams', { token: admin.token, body: { name: 'Defaults' } });
    const defaults = (await kit.api('GET', '/api/v1/fleet/config', { token: admin.token })).body.agent_options;
    expect(first.body.team.agent_options).toEqual(defaults);
    expect(defaults).toMatchObject({ config: { options: { distributed_interval: 10 } }, overrides: {}, command_line_flags: {} });
    const global = { config: { options: { distributed_interval: 42 }, decorators: { load: ['SELECT 1;'] } }, overrides: {} };
    expect((await kit.api('PATCH', '/api/v1/fleet/config', { token: admin.token, body: { agent_options: global } })).status).toBe(200);
    const second = await kit.api('POST', '/api/v1/fleet/teams', { token: admin.token, body: { name: 'Copied' } });
    expect(second.body.team.agent_options).toEqual(global);
    expect((await kit.api('POST', '/api/v1/fleet/spec/teams', { token: admin.token, body: { specs: [{ name: 'From spec' }] } })).status).toBe(200);
    const teams = (await kit.api('GET', '/api/v1/fleet/teams', { token: admin.token })).body.teams as Array<{ name: string; agent_options: unknown }>;
    expect(teams.find((t) => t.name === 'From spec')?.agent_options).toEqual(global);
    // A copy: changing the global options later leaves the team's as they were.
    await kit.api('PATCH', '/api/v1/fleet/config', { token: admin.token, body: { agent_options: { config: { options: { distributed_interval: 7 } } } } });
    expect((await kit.api('GET', `/api/v1/fleet/teams/${second.body.team.id}`, { token: admin.token })).body.team.agent_options).toEqual(global);
  });

  it('GET/PATCH /config merges settings, masks SMTP passwords and hides admin-only sections', async () => {
    const admin = await kit.user({});
    const obs = await kit.user({ global_role: 'observer' });
    const version = Number((await kit.app.redis.get('fleet:agent:config_version')) ?? 0);
    const r = await kit.api('PATCH', '/api/v1/fleet/config', { token: admin.token,
      body: { org_info: { org_name: 'Acme' }, smtp_settings: { password: 'hunter2' }, agent_options: { config: { options: { distributed_interval: 5 } } } } });
    expect(r.status).toBe(200);
    expect(r.body.org_info.org_name).toBe('Acme');
    expect(r.body.smtp_settings.password).toBe('********');
    expect(Number(await kit.app.redis.get('fleet:agent:config_version'))).toBe(version + 1);
    const o = await kit.api('GET', '/api/v1/fleet/config', { token: obs.token });
    expect(o.body.org_info.org_name).toBe('Acme');
    for (const k of ['agent_options', 'smtp_settings', 'sso_settings']) expect(o.body).not.toHaveProperty(k);
    expect(o.text).not.toContain('hunter2');
    expect((await kit.api('PATCH', '/api/v1/fleet/config', { token: obs.token, body: {} })).status).toBe(403);
  });
});
