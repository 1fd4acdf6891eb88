import type { Caller } from '@fleet/auth';
import { labelRoutes as r } from '@fleet/contracts';
import type { RouteInput } from '@fleet/contracts';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint, In } from '../http/endpoint.decorator';
import { HostLabelsService } from './host-labels.service';

/** A host's manual labels (`POST`/`DELETE /hosts/:id/labels`); declared in libs/contracts labels.routes.ts. */
@AdminApi()
export class HostLabelsController {
  constructor(private readonly service: HostLabelsService) {}

  @Endpoint(r.addToHost)
  async add(@CurrentCaller() caller: Caller, @In() { params, body }: RouteInput<typeof r.addToHost>) {
    await this.service.add(caller, params.id, body.labels);
    return {};
  }

  @Endpoint(r.removeFromHost)
  async remove(@CurrentCaller() caller: Caller, @In() { params, body }: RouteInput<typeof r.removeFromHost>) {
    await this.service.remove(caller, params.id, body.labels);
    return {};
  }
}
