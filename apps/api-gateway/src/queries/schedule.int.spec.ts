/* eslint-disable @typescript-eslint/no-unsafe-call -- raw response bodies are untyped JSON under test */
import { packRoutes, scheduleRoutes as r } from '@fleet/contracts';
import type { AnyAdminRoute, RouteRequest, RouteResponse } from '@fleet/contracts';
import { startAdminTestKit } from '../testing/admin-test-kit';
import type { AdminTestKit } from '../testing/admin-test-kit';

/** Keys of Fleet's documented schedule entry (REST API "Schedule": global and team schedule examples). */
const ENTRY_KEYS = ['created_at', 'updated_at', 'id', 'pack_id', 'name', 'query_id', 'query_name', 'query', 'interval', 'snapshot', 'removed',
  'platform', 'version', 'shard', 'denylist', 'stats'];

describe('the schedule: /schedule from 2022-04, /global/schedule in v1, /teams/:id/schedule; v1 /schedule stays the packs\' (MariaDB + Redis)', () => {
  let kit: AdminTestKit;
  let token: string;
  beforeAll(async () => { kit = await startAdminTestKit('schedule'); });
  afterAll(async () => { await kit.close(); });
  beforeEach(async () => { await kit.reset(); token = (await kit.user({})).token; });

  const ok = async <R extends AnyAdminRoute>(route: R, request: Partial<RouteRequest<R>> = {}): Promise<RouteResponse<R>> => {
    const res = await kit.call(route, request, { token });
    if (!res.ok) throw new Error(`${route.method} ${route.path} → ${res.status} ${res.text}`);
    return res.body;
  };
  const raw = (method: string, path: string, body?: unknown) => kit.api(method, path, { token, body });
  /** A saved query as GET returns it; any other answer fails with its status and body. */
  const savedQuery = async (id: number): Promise<Record<string, unknown>> => {
    const res = await raw('GET', `/api/latest/fleet/queries/${id}`);
    if (res.status !== 200 || res.body?.query === undefined) throw new Error(`GET /api/latest/fleet/queries/${id} → ${res.status} ${res.text}`);
    return res.body.query as Record<string, unknown>;
  };
  const createQuery = async (name: string, teamId: number | null = null): Promise<number> =>
    (await raw('POST', '/api/latest/fleet/queries', { name, query: `SELECT '${name}'`, team_id: teamId })).body.query.id as number;

  it('GET/POST/PATCH/DELETE /api/latest/fleet/schedule is the global schedule, with Fleet\'s shapes', async () => {
    const source = await createQuery('arp_cache');
    expect(await ok(r.global.list)).toEqual({ global_schedule: [] });
    const added = await raw('POST', '/api/latest/fleet/schedule', { query_id: source, interval: 86400, snapshot: true });
    expect(added.status).toBe(200);
    const entry = added.body.scheduled;
    expect(Object.keys(entry).sort()).toEqual([...ENTRY_KEYS, 'description'].sort());
    expect(entry).toMatchObject({ pack_id: 0, query_id: entry.id, name: expect.stringMatching(/^Copy of arp_cache \(\d+\)$/), query: "SELECT 'arp_cache'",
      interval: 86400, snapshot: true, removed: false, platform: '', version: '', shard: null, denylist: null });
    const list = (await ok(r.global.list)).global_schedule;
    expect(list.map((e) => e.id)).toEqual([entry.id]);
    const copy = await savedQuery(entry.id);
    expect(copy).toMatchObject({ team_id: null, interval: 86400, automations_enabled: true, logging: 'snapshot' });

    const patched = await raw('PATCH', `/api/2022-04/fleet/schedule/${entry.id}`, { interval: 604800, snapshot: false, removed: true });
    expect(patched.body.scheduled).toMatchObject({ id: entry.id, interval: 604800, snapshot: false, removed: true });
    expect((await savedQuery(entry.id)).logging).toBe('differential');

    expect((await raw('DELETE', `/api/latest/fleet/schedule/${entry.id}`)).body).toEqual({});
    expect((await raw('GET', `/api/latest/fleet/queries/${entry.id}`)).status).toBe(404);
    expect((await ok(r.global.list)).global_schedule).toEqual([]);
    const types = (await raw('GET', '/api/latest/fleet/activities')).body.activities.map((a: { type: string }) => a.type);
    expect(types).toEqual(expect.arrayContaining(['created_saved_query', 'edited_saved_query', 'deleted_saved_query']));
  });

  it('serves the global schedule at /api/v1/fleet/global/schedule, and not at 2022-04\'s /global/schedule', async () => {
    const source = await createQuery('uptime');
    const added = await raw('POST', '/api/v1/fleet/global/schedule', { query_id: source, interval: 60 });
    expect(added.status).toBe(200);
    expect((await raw('GET', '/api/v1/fleet/global/schedule')).body.global_schedule.map((e: { id: number }) => e.id)).toEqual([added.body.scheduled.id]);
    expect((await raw('PATCH', `/api/v1/fleet/global/schedule/${added.body.scheduled.id}`, { interval: 120 })).body.scheduled.interval).toBe(120);
    expect((await raw('GET', '/api/2022-04/fleet/global/schedule')).status).toBe(404);
    expect((await raw('DELETE', `/api/v1/fleet/global/schedule/${added.body.scheduled.id}`)).status).toBe(200);
  });

  it('keeps /api/v1/fleet/schedule as the 2017-pack schedule, and GET /schedule/:id reads a pack\'s entry under every prefix', async () => {
    const q = await createQuery('osquery_info');
    const pack = (await raw('POST', '/api/v1/fleet/packs', { name: 'p' })).body.pack as { id: number };
    const v1 = await raw('POST', '/api/v1/fleet/schedule', { pack_id: pack.id, query_id: q, interval: 60 });
    expect(v1.status).toBe(200);
    expect(v1.body.scheduled).toMatchObject({ pack_id: pack.id, query_id: q, name: 'osquery_info' });
    const id = v1.body.scheduled.id as number;
    expect((await raw('PATCH', `/api/v1/fleet/schedule/${id}`, { interval: 90 })).body.scheduled).toMatchObject({ pack_id: pack.id, interval: 90 });
    expect((await raw('GET', `/api/latest/fleet/schedule/${id}`)).body.scheduled).toMatchObject({ pack_id: pack.id, interval: 90 });
    expect((await kit.call(packRoutes.packsSchedule.get, { params: { id } }, { token, version: 'latest' })).status).toBe(200);
    // The same body at latest is the global schedule's request: query_id names the source, pack_id is ignored.
    const latest = await raw('POST', '/api/latest/fleet/schedule', { pack_id: pack.id, query_id: q, interval: 60 });
    expect(latest.body.scheduled).toMatchObject({ pack_id: 0, name: expect.stringMatching(/^Copy of osquery_info/) });
    expect((await raw('DELETE', `/api/v1/fleet/schedule/${id}`)).status).toBe(200);
    expect((await raw('GET', `/api/v1/fleet/packs/${pack.id}/scheduled`)).body.scheduled).toEqual([]);
  });

  it('a team\'s schedule under /teams/:id/schedule and its /team/ alias; entries of another schedule are not found', async () => {
    const team = await kit.team('T');
    const other = await kit.team('O');
    const source = await createQuery('disk_encryption');
    const added = await ok(r.team.create, { params: { id: team }, body: { query_id: source, interval: 3600, snapshot: true } });
    expect(added.scheduled).toMatchObject({ interval: 3600, pack_id: 0 });
    const id = added.scheduled.id;
    expect((await raw('GET', `/api/latest/fleet/queries/${id}`)).body.query.team_id).toBe(team);
    expect((await ok(r.teamAlias.list, { params: { id: team } })).scheduled.map((e) => e.id)).toEqual([id]);
    expect((await ok(r.team.list, { params: { id: other } })).scheduled).toEqual([]);
    expect((await ok(r.global.list)).global_schedule).toEqual([]);
    expect((await ok(r.teamAlias.modify, { params: { id: team, scheduled_query_id: id }, body: { interval: 7200 } })).scheduled.interval).toBe(7200);
    expect((await kit.call(r.team.modify, { params: { id: other, scheduled_query_id: id }, body: { interval: 1 } }, { token })).status).toBe(404);
    expect((await kit.call(r.global.delete, { params: { id } }, { token })).status).toBe(404);
    const teamQuery = await createQuery('team-only', team);
    const fromTeam = await kit.call(r.team.create, { params: { id: other }, body: { query_id: teamQuery, interval: 60 } }, { token });
    expect(fromTeam.status).toBe(422);
    expect((await kit.call(r.team.create, { params: { id: 999999 }, body: { query_id: source, interval: 60 } }, { token })).status).toBe(404);
    expect(await ok(r.team.delete, { params: { id: team, scheduled_query_id: id } })).toEqual({});
    expect((await ok(r.team.list, { params: { id: team } })).scheduled).toEqual([]);
  });

  it('lets a team maintainer manage their team\'s schedule but not another team\'s or the global one', async () => {
    const team = await kit.team('T');
    const other = await kit.team('O');
    const source = await createQuery('q');
    const maintainer = await kit.user({ teams: [{ id: team, role: 'maintainer' }] });
    const as = (route: AnyAdminRoute, request: object) => kit.call(route, request, { token: maintainer.token });
    expect((await as(r.team.create, { params: { id: team }, body: { query_id: source, interval: 60 } })).status).toBe(200);
    expect((await as(r.team.create, { params: { id: other }, body: { query_id: source, interval: 60 } })).status).toBe(403);
    expect((await as(r.global.create, { body: { query_id: source, interval: 60 } })).status).toBe(403);
    expect((await as(r.global.list, {})).status).toBe(200);
  });
});
