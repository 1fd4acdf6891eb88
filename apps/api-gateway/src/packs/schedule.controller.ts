import type { Caller } from '@fleet/auth';
import { packRoutes } from '@fleet/contracts';
import type { RouteInput } from '@fleet/contracts';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint, In } from '../http/endpoint.decorator';
import { scheduledPatch, toScheduledDto } from './pack.mapper';
import { ScheduleService } from './schedule.service';

const r = packRoutes.schedule;
const p = packRoutes.packsSchedule;
type Create = RouteInput<typeof r.create> | RouteInput<typeof p.create>;
type Modify = RouteInput<typeof r.modify> | RouteInput<typeof p.modify>;

/**
 * Scheduled queries of 2017 packs (fleet-admin-api.md §1.7), under `/schedule` (Fleet up to v1) and
 * `/packs/schedule` (Fleet from 2022-04): one handler per path, the same behaviour.
 */
@AdminApi()
export class ScheduleController {
  constructor(private readonly schedule: ScheduleService) {}

  @Endpoint(r.create)
  async create(@CurrentCaller() caller: Caller, @In() input: RouteInput<typeof r.create>) {
    return this.doCreate(caller, input);
  }

  @Endpoint(p.create)
  async createInPacks(@CurrentCaller() caller: Caller, @In() input: RouteInput<typeof p.create>) {
    return this.doCreate(caller, input);
  }

  @Endpoint(r.get)
  async get(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof r.get>) {
    return { scheduled: toScheduledDto(await this.schedule.get(caller, params.id)) };
  }

  @Endpoint(p.get)
  async getInPacks(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof p.get>) {
    return { scheduled: toScheduledDto(await this.schedule.get(caller, params.id)) };
  }

  @Endpoint(r.modify)
  async modify(@CurrentCaller() caller: Caller, @In() input: RouteInput<typeof r.modify>) {
    return this.doModify(caller, input);
  }

  @Endpoint(p.modify)
  async modifyInPacks(@CurrentCaller() caller: Caller, @In() input: RouteInput<typeof p.modify>) {
    return this.doModify(caller, input);
  }

  @Endpoint(r.delete)
  async delete(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof r.delete>) {
    await this.schedule.delete(caller, params.id);
    return {};
  }

  @Endpoint(p.delete)
  async deleteInPacks(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof p.delete>) {
    await this.schedule.delete(caller, params.id);
    return {};
  }

  private async doCreate(caller: Caller, { body }: Create) {
    return { scheduled: toScheduledDto(await this.schedule.create(caller, body.pack_id, { ...scheduledPatch(body), queryId: body.query_id, interval: body.interval })) };
  }

  private async doModify(caller: Caller, { params, body }: Modify) {
    return { scheduled: toScheduledDto(await this.schedule.modify(caller, params.id, scheduledPatch(body))) };
  }
}
