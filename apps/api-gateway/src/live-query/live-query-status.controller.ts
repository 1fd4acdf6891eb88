import type { Caller } from '@fleet/auth';
import { liveQueryRoutes as r } from '@fleet/contracts';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint } from '../http/endpoint.decorator';
import { LiveQueryStatusService } from './live-query-status.service';

/** Fleet's readiness checks for live queries (fleet-admin-api.md §1.6): 200 `{}` when they can run. */
@AdminApi()
export class LiveQueryStatusController {
  constructor(private readonly status: LiveQueryStatusService) {}

  @Endpoint(r.liveQueryStatus)
  async liveQuery(@CurrentCaller() caller: Caller) {
    await this.status.liveQuery(caller);
    return {};
  }

  @Endpoint(r.resultStoreStatus)
  async resultStore(@CurrentCaller() caller: Caller) {
    await this.status.resultStore(caller);
    return {};
  }
}
