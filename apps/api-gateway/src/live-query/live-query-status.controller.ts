import { Get } from '@nestjs/common';
import type { Caller } from '@fleet/auth';
import { AdminController } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { LiveQueryStatusService } from './live-query-status.service';

/** Fleet's readiness checks for live queries (fleet-admin-api.md §1.6): 200 `{}` when they can run. */
@AdminController('status')
export class LiveQueryStatusController {
  constructor(private readonly status: LiveQueryStatusService) {}

  @Get('live_query')
  async liveQuery(@CurrentCaller() caller: Caller) {
    await this.status.liveQuery(caller);
    return {};
  }

  @Get('result_store')
  async resultStore(@CurrentCaller() caller: Caller) {
    await this.status.resultStore(caller);
    return {};
  }
}
