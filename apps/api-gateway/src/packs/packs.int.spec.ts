/* eslint-disable @typescript-eslint/no-unsafe-call -- response bodies are untyped JSON under test */
import { packResponseSchema, packSpecsResponseSchema, packsResponseSchema, scheduledQueriesResponseSchema, scheduledQueryResponseSchema } from '@fleet/contracts';
import { hostCacheKeys } from '@fleet/messaging';
import { startAdminTestKit } from '../testing/admin-test-kit';
import type { AdminTestKit } from '../testing/admin-test-kit';

describe('2017 packs, schedules and pack specs (MariaDB + Redis)', () => {
  let kit: AdminTestKit;
  let token: string;
  beforeAll(async () => { kit = await startAdminTestKit('packs'); });
  afterAll(async () => { await kit.close(); });
  beforeEach(async () => { await kit.reset(); token = (await kit.user({})).token; });

  const call = (method: string, path: string, body?: unknown, version = 'v1') => kit.api(method, `/api/${version}/fleet${path}`, { token, body });
  const configVersion = () => kit.app.redis.get(hostCacheKeys.agentConfigVersion);

  it('creates, reads, modifies and deletes packs with their targets', async () => {
    const team = await kit.team('T');
    const h1 = await kit.host({ team_id: team });
    const h2 = await kit.host({});
    const created = await call('POST', '/packs', { name: 'p1', description: 'd', host_ids: [h2], team_ids: [team] });
    expect(created.status).toBe(200);
    const pack = packResponseSchema.parse(created.body).pack;
    expect(pack).toMatchObject({ name: 'p1', description: 'd', disabled: false, type: null, query_count: 0, total_hosts_count: 2, host_ids: [h2], team_ids: [team], label_ids: [] });
    expect(h1).toBeGreaterThan(0);
    expect((await call('POST', '/packs', { name: 'p1' })).status).toBe(409);
    expect((await call('POST', '/packs', { name: ' ' })).body.errors).toEqual([{ name: 'name', reason: 'cannot be empty' }]);
    const patched = await call('PATCH', `/packs/${pack.id}`, { disabled: true, host_ids: [] });
    expect(patched.body.pack).toMatchObject({ disabled: true, host_ids: [], team_ids: [team], total_hosts_count: 1 });
    expect(packsResponseSchema.parse((await call('GET', '/packs')).body).packs.map((p) => p.name)).toEqual(['p1']);
    expect((await call('GET', `/packs/${pack.id}`)).body.pack.name).toBe('p1');
    expect((await call('GET', '/packs/999999')).status).toBe(404);
    expect((await call('DELETE', '/packs/p1')).body).toEqual({});
    expect((await call('GET', `/packs/${pack.id}`)).status).toBe(404);
    expect((await call('DELETE', '/packs/id/999999')).status).toBe(404);
    const types = (await call('GET', '/activities')).body.activities.map((a: { type: string }) => a.type);
    expect(types).toEqual(expect.arrayContaining(['created_pack', 'edited_pack', 'deleted_pack']));
  });

  it('schedules queries under /schedule and /packs/schedule and bumps the agent config version', async () => {
    const q = (await call('POST', '/queries', { name: 'uptime', query: 'SELECT * FROM uptime' })).body.query;
    const pack = (await call('POST', '/packs', { name: 'p' })).body.pack;
    const before = await configVersion();
    const first = await call('POST', '/schedule', { pack_id: pack.id, query_id: q.id, interval: 60, snapshot: true });
    expect(scheduledQueryResponseSchema.parse(first.body).scheduled).toMatchObject({
      pack_id: pack.id, query_id: q.id, name: 'uptime', query_name: 'uptime', query: 'SELECT * FROM uptime', interval: 60, snapshot: true,
      removed: null, platform: null, version: null, shard: null, denylist: null });
    expect(await configVersion()).not.toBe(before);
    const second = await call('POST', '/packs/schedule', { pack_id: pack.id, query_id: q.id, interval: 120 }, '2022-04');
    expect(second.body.scheduled.name).toBe('uptime-1');
    expect((await call('POST', '/schedule', { pack_id: pack.id, query_id: q.id })).status).toBe(422);
    expect((await call('POST', '/schedule', { pack_id: 999999, query_id: q.id, interval: 1 })).status).toBe(404);
    const id = first.body.scheduled.id;
    expect((await call('PATCH', `/schedule/${id}`, { interval: 300, removed: false, platform: 'linux' })).body.scheduled)
      .toMatchObject({ interval: 300, removed: false, platform: 'linux', snapshot: true });
    expect((await call('GET', `/packs/schedule/${id}`, undefined, 'latest')).body.scheduled.interval).toBe(300);
    const list = scheduledQueriesResponseSchema.parse((await call('GET', `/packs/${pack.id}/scheduled`)).body).scheduled;
    expect(list.map((s) => s.name)).toEqual(['uptime', 'uptime-1']);
    expect((await call('GET', `/packs/${pack.id}`)).body.pack.query_count).toBe(2);
    expect((await call('DELETE', `/schedule/${id}`)).body).toEqual({});
    expect((await call('GET', `/schedule/${id}`)).status).toBe(404);
  });

  it('applies pack specs by name and reads them back; applying twice changes nothing', async () => {
    await kit.team('CPE');
    await call('POST', '/queries', { name: 'osquery_version', query: 'SELECT version FROM osquery_info' });
    const spec = { name: 'monitoring', description: 'm', platform: '', disabled: false, targets: { labels: ['All Hosts'], teams: ['CPE'] },
      queries: [{ query: 'osquery_version', name: 'osquery_version_snap', description: 'v', interval: 7200, snapshot: true, removed: false,
        platform: null, version: null, shard: null, denylist: null }] };
    const state = async () => JSON.stringify(await kit.db.dataSource.query(
      'SELECT p.name, p.description, p.disabled, sq.name AS sq, sq.schedule_interval, pt.target_type, pt.target_id FROM packs p LEFT JOIN scheduled_queries sq ON sq.pack_id = p.id LEFT JOIN pack_targets pt ON pt.pack_id = p.id ORDER BY 1, 4, 6, 7'));
    expect((await call('POST', '/spec/packs', { specs: [spec] })).body).toEqual({});
    const first = await state();
    expect((await call('POST', '/spec/packs', { specs: [spec] })).status).toBe(200);
    expect(await state()).toBe(first);
    const specs = packSpecsResponseSchema.parse((await call('GET', '/spec/packs')).body).specs;
    expect(specs).toEqual([{ id: expect.any(Number), ...spec }]);
    expect((await call('GET', '/spec/packs/monitoring')).body.specs).toMatchObject({ name: 'monitoring', targets: { labels: ['All Hosts'], teams: ['CPE'] } });
    expect((await call('POST', '/spec/packs', { specs: [{ ...spec, queries: [] }] })).status).toBe(200);
    expect((await call('GET', '/spec/packs/monitoring')).body.specs.queries).toEqual([]);
    const bad = await call('POST', '/spec/packs', { specs: [{ ...spec, targets: { labels: ['Banana'] } }] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].reason).toBe('Invalid label name(s): Banana.');
    expect((await call('GET', '/spec/packs/nope')).status).toBe(404);
    const observer = await kit.user({ global_role: 'observer' });
    expect((await kit.api('GET', '/api/v1/fleet/packs', { token: observer.token })).status).toBe(403);
  });
});
