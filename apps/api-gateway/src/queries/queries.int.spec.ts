/* eslint-disable @typescript-eslint/no-unsafe-call -- response bodies are untyped JSON under test */
import { queriesResponseSchema, queryReportResponseSchema, queryResponseSchema } from '@fleet/contracts';
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
  const version = async () => Number((await kit.app.redis.get(hostCacheKeys.agentConfigVersion)) ?? 0);

  it('creates a scheduled query with every schedule field, reads, lists with meta and count, edits and deletes', async () => {
    const team = await kit.team('Servers');
    const before = await version();
    const body = { name: 'procs', query: 'SELECT * FROM processes', description: 'd', interval: 3600, platform: 'linux', min_osquery_version: '5.0.0',
      logging: 'differential', automations_enabled: true, discard_data: true, observer_can_run: true };
    const r = await call('POST', '/queries', body);
    expect(r.status).toBe(200);
    expect(queryResponseSchema.parse(r.body).query).toMatchObject({ ...body, team_id: null, saved: true, packs: [], author_name: expect.any(String) });
    expect(await version()).toBeGreaterThan(before);
    expect((await call('POST', '/queries', body)).status).toBe(409);
    const teamQ = await call('POST', '/queries', { name: 'procs', query: 'SELECT 1', team_id: team });
    expect(teamQ.body.query.team_id).toBe(team);
    await call('POST', '/queries', { name: 'users', query: 'SELECT * FROM users' });
    const list = await call('GET', '/queries?per_page=1&order_key=name');
    expect(queriesResponseSchema.parse(list.body)).toMatchObject({ count: 2, meta: { has_next_results: true, has_previous_results: false } });
    expect(list.body.queries.map((q: { name: string }) => q.name)).toEqual(['procs']);
    expect((await call('GET', `/queries?team_id=${team}`)).body.count).toBe(1);
    expect((await call('GET', `/queries?team_id=${team}&merge_inherited=true`)).body.count).toBe(3);
    expect((await call('GET', '/queries?query=use')).body.queries.map((q: { name: string }) => q.name)).toEqual(['users']);
    const patched = await call('PATCH', `/queries/${r.body.query.id}`, { interval: 60, logging: 'snapshot' });
    expect(patched.body.query).toMatchObject({ interval: 60, logging: 'snapshot', name: 'procs' });
    expect((await call('GET', `/queries/${r.body.query.id}`)).body.query.interval).toBe(60);
    expect((await call('DELETE', `/queries/procs?team_id=${team}`)).body).toEqual({});
    expect((await call('DELETE', `/queries/id/${r.body.query.id}`)).status).toBe(200);
    expect((await call('GET', `/queries/${r.body.query.id}`)).status).toBe(404);
    const users = (await call('GET', '/queries')).body.queries[0].id;
    expect((await call('POST', '/queries/delete', { ids: [users] })).body).toEqual({ deleted: 1 });
    const types = (await call('GET', '/activities')).body.activities.map((a: { type: string }) => a.type);
    expect(types).toEqual(expect.arrayContaining(['created_saved_query', 'edited_saved_query', 'deleted_saved_query', 'deleted_multiple_saved_query']));
  });

  it('validates bodies with Fleet’s 422 shape', async () => {
    const r = await call('POST', '/queries', { name: '', query: 'SELECT 1', logging: 'sometimes' });
    expect(r.status).toBe(422);
    expect(r.body.message).toBe('Validation Failed');
    expect(r.body.errors.map((e: { name: string }) => e.name).sort()).toEqual(['logging', 'name']);
    expect((await call('GET', '/queries?page=x')).body).toEqual({ message: 'Bad request', errors: [{ name: 'base', reason: 'non-int page value' }] });
  });

  it('reports stored results, only from hosts the caller may see, and drops them when the SQL changes', async () => {
    const teamA = await kit.team('A');
    const teamB = await kit.team('B');
    const q = (await call('POST', '/queries', { name: 'r', query: 'SELECT 1', interval: 60 })).body.query.id;
    const ha = await kit.host({ hostname: 'ha', team_id: teamA });
    const hb = await kit.host({ hostname: 'hb', team_id: teamB });
    await kit.db.dataSource.query('INSERT INTO query_results (query_id, host_id, last_fetched, data) VALUES (?, ?, NOW(), ?), (?, ?, NOW(), ?)',
      [q, ha, JSON.stringify({ x: '1' }), q, hb, JSON.stringify({ x: '2' })]);
    const all = await call('GET', `/queries/${q}/report`);
    expect(queryReportResponseSchema.parse(all.body)).toMatchObject({ query_id: q, report_clipped: false });
    expect(all.body.results.map((x: { host_name: string }) => x.host_name).sort()).toEqual(['ha', 'hb']);
    expect(all.body.results[0].columns).toHaveProperty('x');
    const observerA = await kit.user({ teams: [{ id: teamA, role: 'observer' }] });
    const scoped = await call('GET', `/queries/${q}/report`, undefined, observerA.token);
    expect(scoped.body.results.map((x: { host_id: number }) => x.host_id)).toEqual([ha]);
    await call('PATCH', `/queries/${q}`, { query: 'SELECT 2' });
    expect((await call('GET', `/queries/${q}/report`)).body.results).toEqual([]);
  });
});
