import type { Caller } from '@fleet/auth';
import { policyRoutes as r } from '@fleet/contracts';
import type { RouteInput } from '@fleet/contracts';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint, In } from '../http/endpoint.decorator';
import { AutomationResetService } from './automation-reset.service';

/** `POST /automations/reset`; declared in libs/contracts policies.routes.ts. */
@AdminApi()
export class AutomationsController {
  constructor(private readonly service: AutomationResetService) {}

  @Endpoint(r.resetAutomation)
  async reset(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof r.resetAutomation>) {
    await this.service.reset(caller, body.policy_ids, body.team_ids);
    return {};
  }
}
