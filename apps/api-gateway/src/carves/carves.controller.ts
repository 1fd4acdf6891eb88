import type { Caller } from '@fleet/auth';
import { carveRoutes as r } from '@fleet/contracts';
import type { RouteInput } from '@fleet/contracts';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint, In } from '../http/endpoint.decorator';
import { toCarveDto } from './carve.mapper';
import { CarveService } from './carve.service';

/** `GET /carves`, `/carves/:id`, `/carves/:id/block/:block_id`; declared in libs/contracts carves.routes.ts. */
@AdminApi()
export class CarvesController {
  constructor(private readonly service: CarveService) {}

  @Endpoint(r.list)
  async list(@CurrentCaller() caller: Caller, @In() { query }: RouteInput<typeof r.list>) {
    const carves = await this.service.list(caller, { ...query.list, expired: query.filters.expired === true, ...(query.filters.after !== undefined ? { after: query.filters.after } : {}) });
    return { carves: carves.map(toCarveDto) };
  }

  @Endpoint(r.get)
  async get(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof r.get>) {
    return { carve: toCarveDto(await this.service.get(caller, params.id)) };
  }

  @Endpoint(r.block)
  async block(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof r.block>) {
    return { data: (await this.service.block(caller, params.id, params.block_id)).toString('base64') };
  }
}
