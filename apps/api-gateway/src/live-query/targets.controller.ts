import type { Caller } from '@fleet/auth';
import { liveQueryRoutes as r } from '@fleet/contracts';
import type { RouteInput } from '@fleet/contracts';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint, In } from '../http/endpoint.decorator';
import { toTargetCounts, toTargetSearch } from './targets.mapper';
import { TargetsService } from './targets.service';

/** POST /targets and /targets/count: reads with a body, as Fleet defines them. */
@AdminApi()
export class TargetsController {
  constructor(private readonly service: TargetsService) {}

  @Endpoint(r.targets)
  async search(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof r.targets>) {
    return toTargetSearch(await this.service.search(caller, body.query ?? '', body.selected));
  }

  @Endpoint(r.targetsCount)
  async count(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof r.targetsCount>) {
    return toTargetCounts(await this.service.count(caller, body.selected));
  }
}
