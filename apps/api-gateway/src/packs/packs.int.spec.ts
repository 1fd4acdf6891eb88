/* eslint-disable @typescript-eslint/no-unsafe-call -- raw response bodies are untyped JSON under test */
import { packRoutes as r } from '@fleet/contracts';
import type { AnyAdminRoute, RouteRequest } from '@fleet/contracts';
import { hostCacheKeys } from '@fleet/messaging';
import { startAdminTestKit } from '../testing/admin-test-kit';
import type { AdminTestKit, TypedResponse } from '../testing/admin-test-kit';

describe('2017 packs, schedules and pack specs (MariaDB + Redis)', () => {
  let kit: AdminTestKit;
  let token: string;
  beforeAll(async () => { kit = await startAdminTestKit('packs'); });
  afterAll(async () => { await kit.close(); });
  beforeEach(async () => { await kit.reset(); token = (await kit.user({})).token; });

  /** A raw call, for requests the typed client would not let us write (invalid bodies) and other contexts' routes. */
  const call = (method: string, path: string, body?: unknown, version = 'v1') => kit.api(method, `/api/${version}/fleet${path}`, { token, body });
  /** A typed call as the admin. */
  const typed = <R extends AnyAdminRoute>(route: R, request: Partial<RouteRequest<R>> = {}, version?: 'v1' | '2022-04' | 'latest') =>
    kit.call(route, request, { token, version });
  /** The body of a call that must succeed. */
  const ok = <R extends AnyAdminRoute>(res: TypedResponse<R>) => {
    if (!res.ok) throw new Error(`expected success, got ${res.status} ${res.text}`);
    return res.body;
  };
  /** Fleet's error body of a call that must fail. */
  const failure = <R extends AnyAdminRoute>(res: TypedResponse<R>) => {
    if (res.ok) throw new Error(`expected a failure, got ${res.status} ${res.text}`);
    return res.body;
  };
  const configVersion = () => kit.app.redis.get(hostCacheKeys.agentConfigVersion);

  it('creates, reads, modifies and deletes packs with their targets', async () => {
    const team = await kit.team('T');
    const h1 = await kit.host({ team_id: team });
    const h2 = await kit.host({});
    const created = await typed(r.create, { body: { name: 'p1', description: 'd', host_ids: [h2], team_ids: [team] } });
    expect(created.status).toBe(200);
    const pack = ok(created).pack;
    expect(pack).toMatchObject({ name: 'p1', description: 'd', disabled: false, type: null, query_count: 0, total_hosts_count: 2, host_ids: [h2], team_ids: [team], label_ids: [] });
    expect(h1).toBeGreaterThan(0);
    expect((await typed(r.create, { body: { name: 'p1' } })).status).toBe(409);
    expect(failure(await typed(r.create, { body: { name: ' ' } }))?.errors).toEqual([{ name: 'name', reason: 'cannot be empty' }]);
    const patched = ok(await typed(r.modify, { params: { id: pack.id }, body: { disabled: true, host_ids: [] } }));
    expect(patched.pack).toMatchObject({ disabled: true, host_ids: [], team_ids: [team], total_hosts_count: 1 });
    expect(ok(await typed(r.list)).packs.map((p) => p.name)).toEqual(['p1']);
    expect(ok(await typed(r.get, { params: { id: pack.id } })).pack.name).toBe('p1');
    expect((await typed(r.get, { params: { id: 999999 } })).status).toBe(404);
    expect(ok(await typed(r.deleteByName, { params: { name: 'p1' } }))).toEqual({});
    expect((await typed(r.get, { params: { id: pack.id } })).status).toBe(404);
    expect((await typed(r.deleteById, { params: { id: 999999 } })).status).toBe(404);
    const types = (await call('GET', '/activities')).body.activities.map((a: { type: string }) => a.type);
    expect(types).toEqual(expect.arrayContaining(['created_pack', 'edited_pack', 'deleted_pack']));
  });

  it('schedules queries under /schedule and /packs/schedule and bumps the agent config version', async () => {
    const q = (await call('POST', '/queries', { name: 'uptime', query: 'SELECT * FROM uptime' })).body.query as { id: number };
    const pack = ok(await typed(r.create, { body: { name: 'p' } })).pack;
    const before = await configVersion();
    const first = ok(await typed(r.schedule.create, { body: { pack_id: pack.id, query_id: q.id, interval: 60, snapshot: true } }));
    expect(first.scheduled).toMatchObject({
      pack_id: pack.id, query_id: q.id, name: 'uptime', query_name: 'uptime', query: 'SELECT * FROM uptime', interval: 60, snapshot: true,
      removed: null, platform: null, version: null, shard: null, denylist: null });
    expect(await configVersion()).not.toBe(before);
    const second = ok(await typed(r.packsSchedule.create, { body: { pack_id: pack.id, query_id: q.id, interval: 120 } }, '2022-04'));
    expect(second.scheduled.name).toBe('uptime-1');
    expect((await call('POST', '/schedule', { pack_id: pack.id, query_id: q.id })).status).toBe(422);
    expect((await typed(r.schedule.create, { body: { pack_id: 999999, query_id: q.id, interval: 1 } })).status).toBe(404);
    const id = first.scheduled.id;
    expect(ok(await typed(r.schedule.modify, { params: { id }, body: { interval: 300, removed: false, platform: 'linux' } })).scheduled)
      .toMatchObject({ interval: 300, removed: false, platform: 'linux', snapshot: true });
    expect(ok(await typed(r.packsSchedule.get, { params: { id } }, 'latest')).scheduled.interval).toBe(300);
    const list = ok(await typed(r.scheduled, { params: { id: pack.id } })).scheduled;
    expect(list.map((s) => s.name)).toEqual(['uptime', 'uptime-1']);
    expect(ok(await typed(r.get, { params: { id: pack.id } })).pack.query_count).toBe(2);
    expect(ok(await typed(r.schedule.delete, { params: { id } }))).toEqual({});
    expect((await typed(r.schedule.get, { params: { id } })).status).toBe(404);
  });

  it('applies pack specs by name and reads them back; applying twice changes nothing', async () => {
    await kit.team('CPE');
    await call('POST', '/queries', { name: 'osquery_version', query: 'SELECT version FROM osquery_info' });
    const spec = { name: 'monitoring', description: 'm', platform: '', disabled: false, targets: { labels: ['All Hosts'], teams: ['CPE'] },
      queries: [{ query: 'osquery_version', name: 'osquery_version_snap', description: 'v', interval: 7200, snapshot: true, removed: false,
        platform: null, version: null, shard: null, denylist: null }] };
    const state = async () => JSON.stringify(await kit.db.dataSource.query(
      'SELECT p.name, p.description, p.disabled, sq.name AS sq, sq.schedule_interval, pt.target_type, pt.target_id FROM packs p LEFT JOIN scheduled_queries sq ON sq.pack_id = p.id LEFT JOIN pack_targets pt ON pt.pack_id = p.id ORDER BY 1, 4, 6, 7'));
    expect(ok(await typed(r.applySpecs, { body: { specs: [spec] } }))).toEqual({});
    const first = await state();
    expect((await typed(r.applySpecs, { body: { specs: [spec] } })).status).toBe(200);
    expect(await state()).toBe(first);
    expect(ok(await typed(r.specs)).specs).toEqual([{ id: expect.any(Number), ...spec }]);
    expect(ok(await typed(r.spec, { params: { name: 'monitoring' } })).specs).toMatchObject({ name: 'monitoring', targets: { labels: ['All Hosts'], teams: ['CPE'] } });
    expect((await typed(r.applySpecs, { body: { specs: [{ ...spec, queries: [] }] } })).status).toBe(200);
    expect(ok(await typed(r.spec, { params: { name: 'monitoring' } })).specs.queries).toEqual([]);
    const bad = await typed(r.applySpecs, { body: { specs: [{ ...spec, targets: { labels: ['Banana'] } }] } });
    expect(bad.status).toBe(400);
    expect(failure(bad)?.errors?.[0].reason).toBe('Invalid label name(s): Banana.');
    expect((await typed(r.spec, { params: { name: 'nope' } })).status).toBe(404);
    const observer = await kit.user({ global_role: 'observer' });
    expect((await kit.call(r.list, {}, { token: observer.token })).status).toBe(403);
  });
});
