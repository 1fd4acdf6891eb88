/* eslint-disable @typescript-eslint/no-unsafe-call -- response bodies are untyped JSON under test */
import { softwareRoutes as r } from '@fleet/contracts';
import type { AnyAdminRoute } from '@fleet/contracts';
import { startAdminTestKit } from '../testing/admin-test-kit';
import type { AdminTestKit, TypedResponse } from '../testing/admin-test-kit';
import { installSoftware, softwareIdOf } from '../testing/software-seed';

/** The body of a typed call that must succeed (already checked against the route's response schema). */
const ok = <R extends AnyAdminRoute>(res: TypedResponse<R>) => {
  if (!res.ok) throw new Error(`${res.status} ${res.text}`);
  return res.body;
};

describe('software API (MariaDB + Redis)', () => {
  let kit: AdminTestKit;
  beforeAll(async () => { kit = await startAdminTestKit('software'); });
  afterAll(async () => { await kit.close(); });
  beforeEach(async () => { await kit.reset(); });

  it('lists versions with host counts, pagination meta, team scope; the deprecated path and one version', async () => {
    const admin = await kit.user({});
    const team = await kit.team('T');
    const ds = kit.db.dataSource;
    const [a, b] = [await kit.host({ team_id: team }), await kit.host({})];
    const pkg = (name: string) => ({ name, version: '1.0', source: 'deb_packages' });
    await installSoftware(ds, a, [pkg('curl')]);
    await installSoftware(ds, b, [pkg('curl'), pkg('zsh')]);
    // A version no host has any more (its count rows say 0).
    await installSoftware(ds, a, [pkg('curl'), pkg('unused')]);
    await installSoftware(ds, a, [pkg('curl')]);
    const curl = (await softwareIdOf(ds, 'curl', '1.0')).id;
    const unused = (await softwareIdOf(ds, 'unused', '1.0')).id;
    const as = { token: admin.token };
    const res = await kit.call(r.list, {}, as);
    expect(res.status).toBe(200);
    const body = ok(res);
    expect(body.count).toBe(2);
    expect(body.software.map((s) => [s.name, s.hosts_count])).toEqual([['curl', 2], ['zsh', 1]]);
    const page = ok(await kit.call(r.list, { query: { order_key: 'name', per_page: '1', page: '0' } }, as));
    expect(page).toMatchObject({ software: [{ name: 'curl' }], meta: { has_next_results: true, has_previous_results: false } });
    expect(ok(await kit.call(r.listDeprecated, {}, as)).software).toHaveLength(2);
    expect(ok(await kit.call(r.list, { query: { team_id: String(team) } }, as)).software.map((s) => s.name)).toEqual(['curl']);
    expect(ok(await kit.call(r.count, { query: { team_id: String(team) } }, as))).toEqual({ count: 1 });
    const teamObserver = await kit.user({ teams: [{ id: team, role: 'observer' }] });
    expect(ok(await kit.call(r.list, {}, { token: teamObserver.token })).software).toEqual([expect.objectContaining({ name: 'curl', hosts_count: 1 })]);
    expect(ok(await kit.call(r.get, { params: { id: curl } }, as)).software.hosts_count).toBe(2);
    expect((await kit.call(r.get, { params: { id: unused } }, as)).status).toBe(404);
    const hostSoftware = await kit.api('GET', `/api/latest/fleet/hosts/${b}`, as);
    expect(hostSoftware.body.host.software.map((s: { name: string }) => s.name)).toEqual(['curl', 'zsh']);
  });

  it('answers 403 to a team user naming a team_id where they hold no role (Fleet authorizes the inventory of that team), as it does for team_id=0', async () => {
    const teamA = await kit.team('A');
    const teamB = await kit.team('B');
    const ds = kit.db.dataSource;
    await installSoftware(ds, await kit.host({ team_id: teamB }), [{ name: 'bsd-only', version: '1.0', source: 'deb_packages' }]);
    const bsdOnly = (await softwareIdOf(ds, 'bsd-only', '1.0')).id;
    const observerA = { token: (await kit.user({ teams: [{ id: teamA, role: 'observer' }] })).token };
    for (const team_id of [String(teamB), '0']) {
      const statuses = [
        (await kit.call(r.list, { query: { team_id } }, observerA)).status,
        (await kit.call(r.listDeprecated, { query: { team_id } }, observerA)).status,
        (await kit.call(r.count, { query: { team_id } }, observerA)).status,
        (await kit.call(r.get, { params: { id: bsdOnly }, query: { team_id } }, observerA)).status,
      ];
      expect([team_id, statuses]).toEqual([team_id, [403, 403, 403, 403]]);
    }
    // Their own team is theirs to read; the version on team B's host is not in it.
    expect(ok(await kit.call(r.list, { query: { team_id: String(teamA) } }, observerA)).software).toEqual([]);
    expect(ok(await kit.call(r.count, { query: { team_id: String(teamA) } }, observerA))).toEqual({ count: 0 });
    expect((await kit.call(r.get, { params: { id: bsdOnly }, query: { team_id: String(teamA) } }, observerA)).status).toBe(404);
    const globalObserver = { token: (await kit.user({ global_role: 'observer' })).token };
    expect(ok(await kit.call(r.list, { query: { team_id: String(teamB) } }, globalObserver)).software.map((s) => s.name)).toEqual(['bsd-only']);
    expect(ok(await kit.call(r.get, { params: { id: bsdOnly }, query: { team_id: String(teamB) } }, globalObserver)).software.hosts_count).toBe(1);
  });
});
