import { Injectable } from '@nestjs/common';
import { authorize, notFound } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import type { Policy } from '@fleet/domain';
import { WebhookStateStore } from '@fleet/messaging';
import { PolicyRepository } from '@fleet/persistence';
import { ActivityRecorder } from '../core/activity.recorder';

/**
 * `POST /automations/reset` (fleet-admin-api.md §1.8): the failing-policies automation forgets which hosts it
 * already reported for these policies, so its next run reports every host still failing them (Fleet bumps a
 * per-policy iteration to the same effect). The policies are those named plus each named team's own policies;
 * Fleet also counts the global ones a team inherits, which would make a team admin's team reset need the
 * organisation's permission, so they are not added here. Team policies need the team's write permission,
 * global ones the organisation settings'. Forgetting the set of a policy no automation watches changes nothing.
 */
@Injectable()
export class AutomationResetService {
  constructor(
    private readonly policies: PolicyRepository,
    private readonly webhookState: WebhookStateStore,
    private readonly activities: ActivityRecorder,
  ) {}

  async reset(caller: Caller, policyIds: readonly number[], teamIds: readonly number[]): Promise<void> {
    const found = new Map<number, Policy>();
    for (const teamId of new Set(teamIds)) {
      authorize(caller, 'team:write', { teamId });
      for (const p of (await this.policies.list(teamId, { page: 0, perPage: 0, orderDirection: 'asc' })).items) found.set(p.id, p);
    }
    for (const id of new Set(policyIds)) {
      if (found.has(id)) continue;
      const p = await this.policies.findById(id);
      if (!p) {
        caller.skip();
        throw notFound(`Policy with id=${id} was not found in the datastore`);
      }
      found.set(id, p);
    }
    if (found.size === 0) {
      caller.skip();
      return;
    }
    const policies = [...found.values()];
    for (const teamId of new Set(policies.map((p) => p.teamId))) {
      if (teamId === null) authorize(caller, 'config:write', { teamId: null });
      else authorize(caller, 'team:write', { teamId });
    }
    for (const p of policies) await this.webhookState.replaceReportedFailing(p.id, []);
    await this.activities.record(caller, 'reset_policy_automations', { policy_ids: policies.map((p) => p.id).sort((a, b) => a - b), team_ids: [...new Set(teamIds)] });
  }
}
