/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- response bodies are untyped JSON under test */
import { policiesResponseSchema, policyResponseSchema, teamPoliciesResponseSchema } from '@fleet/contracts';
import { startAdminTestKit } from '../testing/admin-test-kit';
import type { AdminTestKit } from '../testing/admin-test-kit';

describe('policies API (MariaDB + Redis)', () => {
  let kit: AdminTestKit;
  let token: string;
  beforeAll(async () => { kit = await startAdminTestKit('policies'); });
  afterAll(async () => { await kit.close(); });
  beforeEach(async () => { await kit.reset(); token = (await kit.user({})).token; });

  const call = (method: string, path: string, body?: unknown) => kit.api(method, `/api/latest/fleet${path}`, { token, body });

  it('global policies: create, host counts, hosts by response, edit, delete', async () => {
    const r = await call('POST', '/global/policies', { name: 'Gatekeeper', query: 'SELECT 1', platform: 'darwin', critical: true, resolution: 'fix' });
    expect(r.status).toBe(200);
    const p = policyResponseSchema.parse(r.body).policy;
    expect(p).toMatchObject({ name: 'Gatekeeper', team_id: null, platform: 'darwin', critical: true, passing_host_count: 0, failing_host_count: 0 });
    const [a, b, c] = [await kit.host({ hostname: 'a' }), await kit.host({ hostname: 'b' }), await kit.host({ hostname: 'c' })];
    await kit.db.dataSource.query('INSERT INTO policy_membership (policy_id, host_id, passes) VALUES (?, ?, 1), (?, ?, 0), (?, ?, NULL)', [p.id, a, p.id, b, p.id, c]);
    const list = await call('GET', '/global/policies');
    expect(policiesResponseSchema.parse(list.body).policies[0]).toMatchObject({ passing_host_count: 1, failing_host_count: 1 });
    const ids = async (resp: string) => (await call('GET', `/hosts?policy_id=${p.id}&policy_response=${resp}`)).body.hosts.map((h: { id: number }) => h.id);
    expect(await ids('passing')).toEqual([a]);
    expect(await ids('failing')).toEqual([b]);
    expect((await call('POST', '/global/policies', { name: 'Gatekeeper', query: 'SELECT 2' })).status).toBe(409);
    expect((await call('PATCH', `/global/policies/${p.id}`, { query: 'SELECT 2' })).body.policy).toMatchObject({ query: 'SELECT 2', passing_host_count: 0 });
    expect((await call('GET', `/global/policies/${p.id}`)).body.policy.name).toBe('Gatekeeper');
    expect((await call('POST', '/global/policies/delete', { ids: [p.id] })).body).toEqual({ deleted: 1 });
    expect((await call('GET', `/global/policies/${p.id}`)).status).toBe(404);
    const types = (await call('GET', '/activities')).body.activities.map((x: { type: string }) => x.type);
    expect(types).toEqual(expect.arrayContaining(['created_policy', 'edited_policy', 'deleted_policies']));
  });

  it('team policies: own and inherited, scoped by team in the path', async () => {
    const team = await kit.team('Servers');
    const other = await kit.team('Other');
    await call('POST', '/global/policies', { name: 'G', query: 'SELECT 1' });
    const t = (await call('POST', `/teams/${team}/policies`, { name: 'T', query: 'SELECT 1' })).body.policy;
    expect(t.team_id).toBe(team);
    const list = await call('GET', `/teams/${team}/policies`);
    expect(teamPoliciesResponseSchema.parse(list.body)).toMatchObject({ policies: [{ name: 'T' }], inherited_policies: [{ name: 'G' }] });
    expect((await call('GET', `/teams/${other}/policies/${t.id}`)).status).toBe(404);
    expect((await call('PATCH', `/teams/${team}/policies/${t.id}`, { description: 'x' })).body.policy.description).toBe('x');
    expect((await call('POST', `/teams/${other}/policies/delete`, { ids: [t.id] })).body).toEqual({ deleted: 0 });
    expect((await call('POST', `/teams/${team}/policies/delete`, { ids: [t.id] })).body).toEqual({ deleted: 1 });
    expect((await call('GET', '/teams/999999/policies')).status).toBe(404);
    expect((await call('POST', `/teams/${team}/policies`, { name: 'x' })).body.errors).toEqual([{ name: 'query', reason: expect.any(String) }]);
  });
});
