import { AdminErrorCode } from '@fleet/auth';
import { FixedClock } from '@fleet/domain';
import { asPolicyRepository, MemoryPolicies } from '../testing/memory-content.repositories';
import { callerWith, countingConfigVersion, recordingActivities, teamsOf } from '../testing/service-doubles';
import { PolicyService } from './policy.service';

describe('PolicyService', () => {
  const TEAM = 7;
  const admin = () => callerWith({ global: 'admin' });
  let policies: MemoryPolicies;
  let activities: ReturnType<typeof recordingActivities>;
  let config: ReturnType<typeof countingConfigVersion>;
  let service: PolicyService;

  beforeEach(() => {
    policies = new MemoryPolicies();
    activities = recordingActivities();
    config = countingConfigVersion();
    service = new PolicyService(asPolicyRepository(policies), teamsOf({ [TEAM]: 'Servers' }), activities.recorder, config.store,
      new FixedClock(new Date('2026-12-01T00:00:00Z')));
  });

  it('creates with zero values for the fields left out, records the team name and bumps the config version', async () => {
    const p = await service.create(admin(), TEAM, { name: 'gk', query: 'SELECT 1' });
    expect(p).toMatchObject({ name: 'gk', teamId: TEAM, description: '', resolution: '', platform: '', critical: false });
    expect(activities.log).toEqual([{ type: 'created_policy', details: { policy_id: p.id, policy_name: 'gk', team_id: TEAM, team_name: 'Servers' } }]);
    expect(config.bumps()).toBe(1);
  });

  it('refuses a duplicate name in the same team but not in another', async () => {
    await service.create(admin(), null, { name: 'gk', query: 'SELECT 1' });
    await expect(service.create(admin(), null, { name: 'gk', query: 'SELECT 2' })).rejects.toMatchObject({ code: AdminErrorCode.ALREADY_EXISTS });
    await expect(service.create(admin(), TEAM, { name: 'gk', query: 'SELECT 2' })).resolves.toMatchObject({ teamId: TEAM });
  });

  it('answers 404 for an unknown team before writing anything', async () => {
    await expect(service.create(admin(), 99, { name: 'gk', query: 'SELECT 1' })).rejects.toMatchObject({
      code: AdminErrorCode.NOT_FOUND, message: 'Team with id=99 was not found in the datastore' });
    expect(policies.rows.size).toBe(0);
    expect(activities.log).toEqual([]);
  });

  it('reads a policy of another team (or a global one by a team path) as not found', async () => {
    const global = await service.create(admin(), null, { name: 'g', query: 'SELECT 1' });
    const team = await service.create(admin(), TEAM, { name: 't', query: 'SELECT 1' });
    await expect(service.get(admin(), TEAM, global.id)).rejects.toMatchObject({ code: AdminErrorCode.NOT_FOUND });
    await expect(service.get(admin(), null, team.id)).rejects.toMatchObject({ message: `Policy with id=${team.id} was not found in the datastore` });
  });

  it('forgets stored results only when the query or platform changes', async () => {
    const p = await service.create(admin(), null, { name: 'gk', query: 'SELECT 1', platform: 'darwin' });
    await service.modify(admin(), null, p.id, { description: 'd', query: 'SELECT 1' });
    expect(policies.cleared).toEqual([]);
    await service.modify(admin(), null, p.id, { platform: 'linux' });
    expect(policies.cleared).toEqual([p.id]);
    expect(activities.log.at(-1)).toEqual({ type: 'edited_policy', details: { policy_id: p.id, policy_name: 'gk', team_id: null, team_name: null } });
  });

  it('refuses renaming onto another policy of the team', async () => {
    await service.create(admin(), null, { name: 'a', query: 'SELECT 1' });
    const b = await service.create(admin(), null, { name: 'b', query: 'SELECT 1' });
    await expect(service.modify(admin(), null, b.id, { name: 'a' })).rejects.toMatchObject({ code: AdminErrorCode.ALREADY_EXISTS });
    await expect(service.modify(admin(), null, b.id, { name: 'b' })).resolves.toMatchObject({ name: 'b' });
  });

  it('deletes only the team’s own ids and still records the request', async () => {
    const g = await service.create(admin(), null, { name: 'g', query: 'SELECT 1' });
    const t = await service.create(admin(), TEAM, { name: 't', query: 'SELECT 1' });
    expect(await service.deleteMany(admin(), TEAM, [g.id, t.id])).toBe(1);
    expect(policies.rows.has(g.id)).toBe(true);
    expect(activities.log.at(-1)).toEqual({ type: 'deleted_policies', details: { policy_ids: [g.id, t.id], team_id: TEAM, team_name: 'Servers' } });
  });

  it('lists a team’s page of own policies with every inherited global one, and counts global ones over all pages', async () => {
    for (const name of ['g1', 'g2', 'g3']) await service.create(admin(), null, { name, query: 'SELECT 1' });
    for (const name of ['t1', 't2']) await service.create(admin(), TEAM, { name, query: 'SELECT 1' });
    const v = await service.listTeam(admin(), TEAM, { page: 0, perPage: 1, orderDirection: 'asc' });
    expect(v.own.items.map((p) => p.name)).toEqual(['t1']);
    expect(v.inherited.items.map((p) => p.name)).toEqual(['g1', 'g2', 'g3']);
    expect(await service.countGlobal(admin(), { page: 1, perPage: 1, orderDirection: 'asc', query: 'g' })).toBe(3);
  });

  it('counts a team’s policies over all pages, with the inherited global ones only when merge_inherited', async () => {
    for (const name of ['g1', 'g2']) await service.create(admin(), null, { name, query: 'SELECT 1' });
    for (const name of ['t1', 't2', 'x3']) await service.create(admin(), TEAM, { name, query: 'SELECT 1' });
    const opts = { page: 0, perPage: 1, orderDirection: 'asc' as const };
    expect(await service.countTeam(admin(), TEAM, opts, false)).toBe(3);
    expect(await service.countTeam(admin(), TEAM, opts, true)).toBe(5);
    expect(await service.countTeam(admin(), TEAM, { ...opts, query: 't' }, true)).toBe(2);
    await expect(service.countTeam(callerWith({ teams: [{ teamId: 8, role: 'admin' }] }), TEAM, opts, false)).rejects.toMatchObject({ code: AdminErrorCode.FORBIDDEN });
  });

  it('lets a team observer read its team’s and the inherited policies but write nothing', async () => {
    const observer = callerWith({ teams: [{ teamId: TEAM, role: 'observer' }] });
    await expect(service.listTeam(observer, TEAM, { page: 0, perPage: 0, orderDirection: 'asc' })).resolves.toBeDefined();
    await expect(service.create(observer, TEAM, { name: 'x', query: 'SELECT 1' })).rejects.toMatchObject({ code: AdminErrorCode.FORBIDDEN });
    await expect(service.listTeam(callerWith({ teams: [{ teamId: 8, role: 'admin' }] }), TEAM, { page: 0, perPage: 0, orderDirection: 'asc' }))
      .rejects.toMatchObject({ code: AdminErrorCode.FORBIDDEN });
  });
});
