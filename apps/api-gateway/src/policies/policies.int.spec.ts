/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- error bodies are untyped JSON under test */
import { policyRoutes as r } from '@fleet/contracts';
import type { AnyAdminRoute, RouteRequest, RouteResponse } from '@fleet/contracts';
import { startAdminTestKit } from '../testing/admin-test-kit';
import type { AdminTestKit } from '../testing/admin-test-kit';

describe('policies API (MariaDB + Redis)', () => {
  let kit: AdminTestKit;
  let token: string;
  beforeAll(async () => { kit = await startAdminTestKit('policies'); });
  afterAll(async () => { await kit.close(); });
  beforeEach(async () => { await kit.reset(); token = (await kit.user({})).token; });

  const call = (method: string, path: string, body?: unknown) => kit.api(method, `/api/latest/fleet${path}`, { token, body });
  /** A typed call that must succeed; its body is checked against the route's response schema. */
  const ok = async <R extends AnyAdminRoute>(route: R, request: Partial<RouteRequest<R>> = {}): Promise<RouteResponse<R>> => {
    const res = await kit.call(route, request, { token });
    if (!res.ok) throw new Error(`${route.method} ${route.path} → ${res.status} ${res.text}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const status = async <R extends AnyAdminRoute>(route: R, request: Partial<RouteRequest<R>>) => (await kit.call(route, request, { token })).status;

  it('global policies: create, host counts, hosts by response, edit, delete', async () => {
    const p = (await ok(r.create, { body: { name: 'Gatekeeper', query: 'SELECT 1', platform: 'darwin', critical: true, resolution: 'fix' } })).policy;
    expect(p).toMatchObject({ name: 'Gatekeeper', team_id: null, platform: 'darwin', critical: true, passing_host_count: 0, failing_host_count: 0 });
    const [a, b, c] = [await kit.host({ hostname: 'a' }), await kit.host({ hostname: 'b' }), await kit.host({ hostname: 'c' })];
    await kit.db.dataSource.query('INSERT INTO policy_membership (policy_id, host_id, passes) VALUES (?, ?, 1), (?, ?, 0), (?, ?, NULL)', [p.id, a, p.id, b, p.id, c]);
    expect((await ok(r.list)).policies[0]).toMatchObject({ passing_host_count: 1, failing_host_count: 1 });
    const ids = async (resp: string) => (await call('GET', `/hosts?policy_id=${p.id}&policy_response=${resp}`)).body.hosts.map((h: { id: number }) => h.id);
    expect(await ids('passing')).toEqual([a]);
    expect(await ids('failing')).toEqual([b]);
    expect(await status(r.create, { body: { name: 'Gatekeeper', query: 'SELECT 2' } })).toBe(409);
    expect((await ok(r.modify, { params: { id: p.id }, body: { query: 'SELECT 2' } })).policy).toMatchObject({ query: 'SELECT 2', passing_host_count: 0 });
    expect((await ok(r.get, { params: { id: p.id } })).policy.name).toBe('Gatekeeper');
    expect(await ok(r.delete, { body: { ids: [p.id] } })).toEqual({ deleted: 1 });
    expect(await status(r.get, { params: { id: p.id } })).toBe(404);
    const types = (await call('GET', '/activities')).body.activities.map((x: { type: string }) => x.type);
    expect(types).toEqual(expect.arrayContaining(['created_policy', 'edited_policy', 'deleted_policies']));
  });

  it('team policies: own and inherited, scoped by team in the path', async () => {
    const team = await kit.team('Servers');
    const other = await kit.team('Other');
    await ok(r.create, { body: { name: 'G', query: 'SELECT 1' } });
    const t = (await ok(r.createTeam, { params: { id: team }, body: { name: 'T', query: 'SELECT 1' } })).policy;
    expect(t.team_id).toBe(team);
    expect(await ok(r.listTeam, { params: { id: team } })).toMatchObject({ policies: [{ name: 'T' }], inherited_policies: [{ name: 'G' }] });
    expect(await status(r.getTeam, { params: { id: other, policy_id: t.id } })).toBe(404);
    expect((await ok(r.modifyTeam, { params: { id: team, policy_id: t.id }, body: { description: 'x' } })).policy.description).toBe('x');
    expect(await ok(r.deleteTeam, { params: { id: other }, body: { ids: [t.id] } })).toEqual({ deleted: 0 });
    expect(await ok(r.deleteTeam, { params: { id: team }, body: { ids: [t.id] } })).toEqual({ deleted: 1 });
    expect(await status(r.listTeam, { params: { id: 999999 } })).toBe(404);
    expect((await call('POST', `/teams/${team}/policies`, { name: 'x' })).body.errors).toEqual([{ name: 'query', reason: expect.any(String) }]);
  });

  it('answers 400 for a bad team id before a bad policy id', async () => {
    expect((await call('GET', '/teams/x/policies/y')).body.errors[0].reason).toBe('invalid id: x');
    expect((await call('PATCH', '/teams/1/policies/y', { name: '' })).body.errors[0].reason).toBe('invalid id: y');
  });

  it('answers 403 to a team user reading the policies of a team where they hold no role; the global count stays readable', async () => {
    const mine = await kit.team('mine');
    const theirs = await kit.team('theirs');
    const p = (await ok(r.createTeam, { params: { id: theirs }, body: { name: 'theirs-p', query: 'SELECT 1' } })).policy;
    await ok(r.create, { body: { name: 'global-p', query: 'SELECT 1' } });
    const observer = { token: (await kit.user({ teams: [{ id: mine, role: 'observer' }] })).token };
    expect((await kit.call(r.listTeam, { params: { id: theirs } }, observer)).status).toBe(403);
    expect((await kit.call(r.getTeam, { params: { id: theirs, policy_id: p.id } }, observer)).status).toBe(403);
    const own = await kit.call(r.listTeam, { params: { id: mine } }, observer);
    expect(own.ok && own.body.inherited_policies.map((x) => x.name)).toEqual(['global-p']);
    const count = await kit.call(r.count, {}, observer);
    expect(count.ok && count.body).toEqual({ count: 1 });
  });
});
