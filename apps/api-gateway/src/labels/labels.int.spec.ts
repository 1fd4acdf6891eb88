/* eslint-disable @typescript-eslint/no-unsafe-call -- error bodies are untyped JSON under test */
import { labelRoutes as r, liveQueryRoutes } from '@fleet/contracts';
import type { AnyAdminRoute, RouteRequest, RouteResponse } from '@fleet/contracts';
import { hostCacheKeys } from '@fleet/messaging';
import { startAdminTestKit } from '../testing/admin-test-kit';
import type { AdminTestKit } from '../testing/admin-test-kit';

describe('labels API (MariaDB + Redis)', () => {
  let kit: AdminTestKit;
  let token: string;
  beforeAll(async () => { kit = await startAdminTestKit('labels'); });
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
  const version = async () => Number((await kit.app.redis.get(hostCacheKeys.agentConfigVersion)) ?? 0);

  it('lists the built-in labels with Fleet’s shape, and the summary', async () => {
    const all = await ok(r.list);
    expect(all.labels.length).toBeGreaterThanOrEqual(8);
    expect(all.labels.find((l) => l.name === 'All Hosts')).toMatchObject({ label_type: 'builtin', label_membership_type: 'dynamic', host_ids: null });
    expect((await ok(r.summary)).labels[0]).toMatchObject({ label_type: 'builtin' });
    const paged = await ok(r.list, { query: { per_page: '2', page: '1', order_key: 'id' } });
    expect(paged.labels.map((l) => l.id)).toEqual([all.labels[2]?.id, all.labels[3]?.id]);
  });

  it('creates dynamic and manual labels, edits, lists hosts, deletes, and writes activities', async () => {
    const a = await kit.host({ hostname: 'alpha' });
    await kit.host({ hostname: 'bravo' });
    const before = await version();
    const dyn = (await ok(r.create, { body: { name: 'Slack', query: 'SELECT 1 FROM apps', platform: 'darwin', description: 'd' } })).label;
    expect(dyn).toMatchObject({ name: 'Slack', label_type: 'regular', label_membership_type: 'dynamic', platform: 'darwin', count: 0 });
    expect(await version()).not.toBe(before);
    const man = (await ok(r.create, { body: { name: 'Pets', hosts: ['alpha', 'nope'] } })).label;
    expect(man).toMatchObject({ label_membership_type: 'manual', host_count: 1, query: '' });
    expect((await ok(r.hosts, { params: { id: man.id } })).hosts.map((h) => h.id)).toEqual([a]);
    expect((await kit.call(r.create, { body: { name: 'Pets' } }, { token })).status).toBe(409);
    expect((await ok(r.modify, { params: { id: man.id }, body: { name: 'Cattle', hosts: ['bravo'] } })).label).toMatchObject({ name: 'Cattle', host_count: 1 });
    expect((await kit.call(r.modify, { params: { id: dyn.id }, body: { hosts: ['alpha'] } }, { token })).status).toBe(422);
    expect((await ok(r.get, { params: { id: dyn.id } })).label.name).toBe('Slack');
    expect(await ok(r.deleteByName, { params: { name: 'Cattle' } })).toEqual({});
    await ok(r.deleteById, { params: { id: dyn.id } });
    expect((await kit.call(r.get, { params: { id: dyn.id } }, { token })).status).toBe(404);
    const types = (await call('GET', '/activities')).body.activities.map((x: { type: string }) => x.type);
    expect(types).toEqual(expect.arrayContaining(['created_label', 'edited_label', 'deleted_label']));
  });

  it('counts a label’s hosts among those the caller may see, as Fleet does: a team user counts their teams’ members only', async () => {
    const teamA = await kit.team('count-A');
    const teamB = await kit.team('count-B');
    await kit.host({ hostname: 'count-a1', team_id: teamA });
    await kit.host({ hostname: 'count-b1', team_id: teamB });
    await kit.host({ hostname: 'count-b2', team_id: teamB });
    await kit.host({ hostname: 'count-none' });
    const label = (await ok(r.create, { body: { name: 'Counted', hosts: ['count-a1', 'count-b1', 'count-b2', 'count-none'] } })).label;
    expect(label).toMatchObject({ host_count: 4, count: 4 });

    const counts = async (as: string): Promise<number[]> => {
      const got = await kit.call(r.get, { params: { id: label.id } }, { token: as });
      const listed = await kit.call(r.list, {}, { token: as });
      const searched = await kit.call(liveQueryRoutes.targets, { body: { query: 'Counted', selected: {} } }, { token: as });
      if (!got.ok || !listed.ok || !searched.ok) throw new Error(`${got.status} ${listed.status} ${searched.status}`);
      return [got.body.label.host_count, got.body.label.count, listed.body.labels.find((l) => l.id === label.id)?.host_count ?? -1,
        searched.body.targets.labels.find((l) => l.id === label.id)?.host_count ?? -1];
    };
    expect(await counts((await kit.user({ teams: [{ id: teamA, role: 'observer' }] })).token)).toEqual([1, 1, 1, 1]);
    expect(await counts((await kit.user({ teams: [{ id: teamB, role: 'maintainer' }] })).token)).toEqual([2, 2, 2, 2]);
    expect(await counts((await kit.user({ teams: [{ id: teamA, role: 'admin' }, { id: teamB, role: 'observer_plus' }] })).token)).toEqual([3, 3, 3, 3]);
    expect(await counts((await kit.user({ global_role: 'observer' })).token)).toEqual([4, 4, 4, 4]);
    // The hosts of the label follow the same rule.
    const asA = await kit.call(r.hosts, { params: { id: label.id } }, { token: (await kit.user({ teams: [{ id: teamA, role: 'observer' }] })).token });
    expect(asA.ok && asA.body.hosts.map((h) => h.hostname)).toEqual(['count-a1']);
  });

  it('refuses to change or delete built-in labels with Fleet’s messages', async () => {
    const res = await call('PATCH', '/labels/1', { name: 'x' });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toEqual({ name: 'label_type', reason: expect.stringMatching(/^cannot modify built-in label '.+'$/) });
    const d = await call('DELETE', '/labels/All%20Hosts');
    expect(d.body).toMatchObject({ message: 'Validation Failed', errors: [{ name: 'name', reason: "cannot delete built-in label 'All Hosts'" }] });
    expect((await call('POST', '/labels', { name: '' })).body.errors[0]).toEqual({ name: 'name', reason: 'cannot be empty' });
    expect((await call('GET', '/labels/999999')).status).toBe(404);
  });

  it('answers Fleet’s 400 reasons for a bad id, a bad host filter, then a bad page, and tells the delete routes apart by path', async () => {
    const bad = async (path: string): Promise<[number, string | undefined]> => {
      const res = await call('GET', path);
      return [res.status, (res.body as { errors?: Array<{ reason: string }> }).errors?.[0]?.reason];
    };
    expect(await bad('/labels/x')).toEqual([400, 'invalid id: x']);
    expect(await bad('/labels/x/hosts?status=nope')).toEqual([400, 'invalid id: x']);
    expect(await bad('/labels/1/hosts?status=nope&page=x')).toEqual([400, 'Invalid status: nope']);
    expect(await bad('/labels/1/hosts?page=x')).toEqual([400, 'non-int page value']);
    const id = (await ok(r.create, { body: { name: 'id' } })).label.id;
    expect((await call('DELETE', '/labels/id/x')).body.errors[0].reason).toBe('invalid id: x');
    expect(await ok(r.deleteByName, { params: { name: 'id' } })).toEqual({});
    expect((await kit.call(r.get, { params: { id } }, { token })).status).toBe(404);
  });
});
