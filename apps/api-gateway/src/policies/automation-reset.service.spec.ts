import { AdminErrorCode } from '@fleet/auth';
import { WebhookStateStore } from '@fleet/messaging';
import { asPolicyRepository, MemoryPolicies } from '../testing/memory-content.repositories';
import { callerWith, recordingActivities } from '../testing/service-doubles';
import { AutomationResetService } from './automation-reset.service';

/** The reported-failing sets in a map. */
class MemoryWebhookState extends WebhookStateStore {
  readonly reported = new Map<number, number[]>();
  constructor() {
    super(undefined as never);
  }
  override replaceReportedFailing(policyId: number, hostIds: readonly number[]): Promise<void> {
    this.reported.set(policyId, [...hostIds]);
    return Promise.resolve();
  }
}

describe('AutomationResetService', () => {
  const [A, B] = [1, 2];
  const setup = async () => {
    const policies = new MemoryPolicies();
    const make = (teamId: number | null, name: string) => policies.create(teamId, null, { name, query: 'SELECT 1', description: '', resolution: '', platform: '', critical: false });
    const ids = { global: await make(null, 'g'), a1: await make(A, 'a1'), a2: await make(A, 'a2'), b: await make(B, 'b') };
    const state = new MemoryWebhookState();
    for (const id of Object.values(ids)) state.reported.set(id, [11, 12]);
    const activities = recordingActivities();
    return { ids, state, activities, service: new AutomationResetService(asPolicyRepository(policies), state, activities.recorder) };
  };

  it('forgets the reported hosts of the named policies and of the named teams\' own policies, and records it', async () => {
    const { ids, state, activities, service } = await setup();
    await service.reset(callerWith({ global: 'admin' }), [ids.global], [A]);
    expect([...state.reported].filter(([, hosts]) => hosts.length === 0).map(([id]) => id).sort()).toEqual([ids.global, ids.a1, ids.a2].sort());
    expect(state.reported.get(ids.b)).toEqual([11, 12]);
    expect(activities.log).toEqual([{ type: 'reset_policy_automations', details: { policy_ids: [ids.global, ids.a1, ids.a2], team_ids: [A] } }]);
  });

  it('needs the team\'s write permission for team policies and the organisation\'s for global ones', async () => {
    const { ids, state, service } = await setup();
    const teamAdmin = callerWith({ teams: [{ teamId: A, role: 'admin' }] });
    await service.reset(teamAdmin, [ids.a1], []);
    expect(state.reported.get(ids.a1)).toEqual([]);
    await expect(service.reset(teamAdmin, [ids.b], [])).rejects.toMatchObject({ code: AdminErrorCode.FORBIDDEN });
    await expect(service.reset(teamAdmin, [ids.global], [])).rejects.toMatchObject({ code: AdminErrorCode.FORBIDDEN });
    await expect(service.reset(callerWith({ teams: [{ teamId: A, role: 'maintainer' }] }), [], [A])).rejects.toMatchObject({ code: AdminErrorCode.FORBIDDEN });
    expect(state.reported.get(ids.b)).toEqual([11, 12]);
  });

  it('answers 404 for an unknown policy and does nothing without policies', async () => {
    const { activities, service } = await setup();
    await expect(service.reset(callerWith({ global: 'admin' }), [999], [])).rejects.toMatchObject({ code: AdminErrorCode.NOT_FOUND });
    const caller = callerWith({ global: 'observer' });
    await service.reset(caller, [], []);
    expect(caller.decided).toBe(true);
    expect(activities.log).toEqual([]);
  });
});
