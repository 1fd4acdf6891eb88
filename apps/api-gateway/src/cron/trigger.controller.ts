import type { Caller } from '@fleet/auth';
import { cronRoutes as r } from '@fleet/contracts';
import type { RouteInput } from '@fleet/contracts';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint, In } from '../http/endpoint.decorator';
import { TriggerService } from './trigger.service';

/** Ad hoc runs of the background schedules (fleet-admin-api.md §1.15, `fleetctl trigger`); route in cron.routes.ts. */
@AdminApi()
export class TriggerController {
  constructor(private readonly service: TriggerService) {}

  @Endpoint(r.trigger)
  async trigger(@CurrentCaller() caller: Caller, @In() { query }: RouteInput<typeof r.trigger>) {
    await this.service.trigger(caller, query.name);
    return {};
  }
}
