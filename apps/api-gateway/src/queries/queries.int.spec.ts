/* eslint-disable @typescript-eslint/no-unsafe-call -- error bodies are untyped JSON under test */
import { queryRoutes as r } from '@fleet/contracts';
import type { AnyAdminRoute, RouteRequest, RouteResponse } from '@fleet/contracts';
import { hostCacheKeys } from '@fleet/messaging';
import { startAdminTestKit } from '../testing/admin-test-kit';
import type { AdminTestKit } from '../testing/admin-test-kit';

describe('saved queries API (MariaDB + Redis)', () => {
  let kit: AdminTestKit;
  let token: string;
  beforeAll(async () => { kit = await startAdminTestKit('queries'); });
  afterAll(async () => { await kit.close(); });
  beforeEach(async () => { await kit.reset(); token = (await kit.user({})).token; });

  const call = (method: string, path: string, body?: unknown, t = token) => kit.api(method, `/api/latest/fleet${path}`, { token: t, body });
  /** A typed call that must succeed; its body is checked against the route's response schema. */
  const ok = async <R extends AnyAdminRoute>(route: R, request: Partial<RouteRequest<R>> = {}, t = token): Promise<RouteResponse<R>> => {
    const res = await kit.call(route, request, { token: t });
    if (!res.ok) throw new Error(`${route.method} ${route.path} → ${res.status} ${res.text}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const version = async () => Number((await kit.app.redis.get(hostCacheKeys.agentConfigVersion)) ?? 0);

  it('creates a scheduled query with every schedule field, reads, lists with meta and count, edits and deletes', async () => {
    const team = await kit.team('Servers');
    const before = await version();
    const body = { name: 'procs', query: 'SELECT * FROM processes', description: 'd', interval: 3600, platform: 'linux', min_osquery_version: '5.0.0',
      logging: 'differential', automations_enabled: true, discard_data: true, observer_can_run: true } as const;
    const created = (await ok(r.create, { body })).query;
    expect(created).toMatchObject({ ...body, team_id: null, saved: true, packs: [], author_name: expect.any(String) });
    expect(await version()).toBeGreaterThan(before);
    expect((await kit.call(r.create, { body }, { token })).status).toBe(409);
    expect((await ok(r.create, { body: { name: 'procs', query: 'SELECT 1', team_id: team } })).query.team_id).toBe(team);
    await ok(r.create, { body: { name: 'users', query: 'SELECT * FROM users' } });
    const list = await ok(r.list, { query: { per_page: '1', order_key: 'name' } });
    expect(list).toMatchObject({ count: 2, meta: { has_next_results: true, has_previous_results: false } });
    expect(list.queries.map((q) => q.name)).toEqual(['procs']);
    expect((await ok(r.list, { query: { team_id: String(team) } })).count).toBe(1);
    expect((await ok(r.list, { query: { team_id: String(team), merge_inherited: 'true' } })).count).toBe(3);
    expect((await ok(r.list, { query: { query: 'use' } })).queries.map((q) => q.name)).toEqual(['users']);
    const patched = await ok(r.modify, { params: { id: created.id }, body: { interval: 60, logging: 'snapshot' } });
    expect(patched.query).toMatchObject({ interval: 60, logging: 'snapshot', name: 'procs' });
    expect((await ok(r.get, { params: { id: created.id } })).query.interval).toBe(60);
    expect(await ok(r.deleteByName, { params: { name: 'procs' }, query: { team_id: String(team) } })).toEqual({});
    await ok(r.deleteById, { params: { id: created.id } });
    expect((await kit.call(r.get, { params: { id: created.id } }, { token })).status).toBe(404);
    const users = (await ok(r.list)).queries[0]?.id ?? 0;
    expect(await ok(r.deleteMany, { body: { ids: [users] } })).toEqual({ deleted: 1 });
    const types = (await call('GET', '/activities')).body.activities.map((a: { type: string }) => a.type);
    expect(types).toEqual(expect.arrayContaining(['created_saved_query', 'edited_saved_query', 'deleted_saved_query', 'deleted_multiple_saved_query']));
  });

  it('validates bodies with Fleet’s 422 shape', async () => {
    const res = await call('POST', '/queries', { name: '', query: 'SELECT 1', logging: 'sometimes' });
    expect(res.status).toBe(422);
    expect(res.body.message).toBe('Validation Failed');
    expect(res.body.errors.map((e: { name: string }) => e.name).sort()).toEqual(['logging', 'name']);
    expect((await call('GET', '/queries?page=x')).body).toEqual({ message: 'Bad request', errors: [{ name: 'base', reason: 'non-int page value' }] });
  });

  it('answers 400 for a bad team_id before the list options, and tells the delete routes apart by path', async () => {
    expect((await call('GET', '/queries?team_id=x&page=x')).body.errors[0].reason).toBe('invalid value: x');
    expect((await call('DELETE', '/queries/procs?team_id=x')).body.errors[0].reason).toBe('invalid value: x');
    expect((await call('DELETE', '/queries/id/x')).body.errors[0].reason).toBe('invalid id: x');
    await ok(r.create, { body: { name: 'id', query: 'SELECT 1' } });
    expect(await ok(r.deleteByName, { params: { name: 'id' } })).toEqual({});
  });

  it('reports stored results, only from hosts the caller may see, and drops them when the SQL changes', async () => {
    const teamA = await kit.team('A');
    const teamB = await kit.team('B');
    const q = (await ok(r.create, { body: { name: 'r', query: 'SELECT 1', interval: 60 } })).query.id;
    const ha = await kit.host({ hostname: 'ha', team_id: teamA });
    const hb = await kit.host({ hostname: 'hb', team_id: teamB });
    await kit.db.dataSource.query('INSERT INTO query_results (query_id, host_id, last_fetched, data) VALUES (?, ?, NOW(), ?), (?, ?, NOW(), ?)',
      [q, ha, JSON.stringify({ x: '1' }), q, hb, JSON.stringify({ x: '2' })]);
    const all = await ok(r.report, { params: { id: q } });
    expect(all).toMatchObject({ query_id: q, report_clipped: false });
    expect(all.results.map((x) => x.host_name).sort()).toEqual(['ha', 'hb']);
    expect(all.results[0]?.columns).toHaveProperty('x');
    const observerA = await kit.user({ teams: [{ id: teamA, role: 'observer' }] });
    expect((await ok(r.report, { params: { id: q } }, observerA.token)).results.map((x) => x.host_id)).toEqual([ha]);
    await ok(r.modify, { params: { id: q }, body: { query: 'SELECT 2' } });
    expect((await ok(r.report, { params: { id: q } })).results).toEqual([]);
  });

  it('answers 403 to a team user listing the queries of a team where they hold no role, as Fleet authorizes the team of team_id', async () => {
    const mine = await kit.team('mine');
    const theirs = await kit.team('theirs');
    await ok(r.create, { body: { name: 'theirs-q', query: 'SELECT 1', team_id: theirs } });
    await ok(r.create, { body: { name: 'mine-q', query: 'SELECT 1', team_id: mine } });
    const observer = (await kit.user({ teams: [{ id: mine, role: 'observer' }] })).token;
    expect((await kit.call(r.list, { query: { team_id: String(theirs) } }, { token: observer })).status).toBe(403);
    expect((await kit.call(r.list, { query: { team_id: String(theirs), merge_inherited: 'true' } }, { token: observer })).status).toBe(403);
    expect((await ok(r.list, { query: { team_id: String(mine) } }, observer)).queries.map((q) => q.name)).toEqual(['mine-q']);
    expect((await kit.call(r.list, {}, { token: observer })).status).toBe(200);
  });
});
