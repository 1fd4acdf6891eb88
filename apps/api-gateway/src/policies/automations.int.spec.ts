import { policyRoutes as r } from '@fleet/contracts';
import { cronKeys } from '@fleet/messaging';
import { startAdminTestKit } from '../testing/admin-test-kit';
import type { AdminTestKit } from '../testing/admin-test-kit';

/** `GET /teams/:id/policies/count` (alias `/team/…`) and `POST /automations/reset` (fleet-admin-api.md §1.8). */
describe('team policy counts and the reset of policy automations (MariaDB + Redis)', () => {
  let kit: AdminTestKit;
  let token: string;
  beforeAll(async () => { kit = await startAdminTestKit('policy_automations'); });
  afterAll(async () => { await kit.close(); });
  beforeEach(async () => { await kit.reset(); token = (await kit.user({})).token; });

  const policy = async (name: string, teamId: number | null): Promise<number> => (await kit.db.dataSource.query<{ insertId: number }>(
    "INSERT INTO policies (team_id, name, query, description, resolution) VALUES (?, ?, 'SELECT 1', '', '')", [teamId, name])).insertId;

  it('counts a team\'s policies, with the inherited ones for merge_inherited=true, at /teams/ and /team/', async () => {
    const team = await kit.team('T');
    await policy('g-one', null);
    await policy('t-one', team);
    await policy('t-two', team);
    expect((await kit.api('GET', `/api/latest/fleet/teams/${team}/policies/count`, { token })).body).toEqual({ count: 2 });
    expect((await kit.call(r.countTeamAlias, { params: { id: team }, query: { merge_inherited: 'true' } }, { token })).body).toEqual({ count: 3 });
    expect((await kit.call(r.countTeam, { params: { id: team }, query: { query: 'two', merge_inherited: 'true' } }, { token })).body).toEqual({ count: 1 });
    const other = await kit.user({ teams: [{ id: await kit.team('O'), role: 'observer' }] });
    expect((await kit.call(r.countTeam, { params: { id: team } }, { token: other.token })).status).toBe(403);
  });

  it('makes the failing-policies webhook report every failing host again, and records the reset', async () => {
    const team = await kit.team('T');
    const [g, t, o] = [await policy('g', null), await policy('t', team), await policy('other', null)];
    for (const id of [g, t, o]) await kit.app.redis.sadd(cronKeys.reportedFailing(id), '1', '2');
    const res = await kit.api('POST', '/api/latest/fleet/automations/reset', { token, body: JSON.stringify({ policy_ids: [g], team_ids: [team] }), contentType: null });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
    expect(await kit.app.redis.exists(cronKeys.reportedFailing(g), cronKeys.reportedFailing(t))).toBe(0);
    expect(await kit.app.redis.scard(cronKeys.reportedFailing(o))).toBe(2);
    const [act] = await kit.db.dataSource.query<Array<{ details: unknown }>>("SELECT details FROM activities WHERE activity_type = 'reset_policy_automations'");
    expect(act?.details).toEqual({ policy_ids: [g, t], team_ids: [team] });
    expect((await kit.call(r.resetAutomation, { body: { policy_ids: [999999] } }, { token })).status).toBe(404);
  });

  it('lets a team admin reset their team\'s policies but not global ones', async () => {
    const team = await kit.team('T');
    const [g, t] = [await policy('g', null), await policy('t', team)];
    const teamAdmin = await kit.user({ teams: [{ id: team, role: 'admin' }] });
    expect((await kit.call(r.resetAutomation, { body: { policy_ids: [t] } }, { token: teamAdmin.token })).status).toBe(200);
    expect((await kit.call(r.resetAutomation, { body: { policy_ids: [g] } }, { token: teamAdmin.token })).status).toBe(403);
    expect((await kit.call(r.resetAutomation, { body: { team_ids: [team] } }, { token: teamAdmin.token })).status).toBe(200);
  });
});
