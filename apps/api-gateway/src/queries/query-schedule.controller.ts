import type { Caller } from '@fleet/auth';
import { scheduleRoutes } from '@fleet/contracts';
import type { RouteInput } from '@fleet/contracts';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint, In } from '../http/endpoint.decorator';
import { QueryScheduleService } from './query-schedule.service';
import { toScheduleEntryDto } from './schedule.mapper';

const g = scheduleRoutes.global;
const g1 = scheduleRoutes.globalV1;
const t = scheduleRoutes.team;
const ta = scheduleRoutes.teamAlias;

/**
 * The global schedule (`/schedule` from 2022-04, `/global/schedule` in v1) and teams' schedules
 * (`/teams/:id/schedule`, alias `/team/:id/schedule`); routes declared in schedule.routes.ts. Each path
 * and version has its handler; the pairs behave the same.
 */
@AdminApi()
export class QueryScheduleController {
  constructor(private readonly schedule: QueryScheduleService) {}

  @Endpoint(g.list)
  async globalList(@CurrentCaller() caller: Caller, @In() { query }: RouteInput<typeof g.list>) {
    return { global_schedule: (await this.schedule.list(caller, null, query)).items.map(toScheduleEntryDto) };
  }

  @Endpoint(g1.list)
  async globalListV1(@CurrentCaller() caller: Caller, @In() { query }: RouteInput<typeof g1.list>) {
    return { global_schedule: (await this.schedule.list(caller, null, query)).items.map(toScheduleEntryDto) };
  }

  @Endpoint(g.create)
  async globalCreate(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof g.create>) {
    return { scheduled: toScheduleEntryDto(await this.schedule.add(caller, null, body)) };
  }

  @Endpoint(g1.create)
  async globalCreateV1(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof g1.create>) {
    return { scheduled: toScheduleEntryDto(await this.schedule.add(caller, null, body)) };
  }

  @Endpoint(g.modify)
  async globalModify(@CurrentCaller() caller: Caller, @In() { params, body }: RouteInput<typeof g.modify>) {
    return { scheduled: toScheduleEntryDto(await this.schedule.modify(caller, null, params.id, body)) };
  }

  @Endpoint(g1.modify)
  async globalModifyV1(@CurrentCaller() caller: Caller, @In() { params, body }: RouteInput<typeof g1.modify>) {
    return { scheduled: toScheduleEntryDto(await this.schedule.modify(caller, null, params.id, body)) };
  }

  @Endpoint(g.delete)
  async globalDelete(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof g.delete>) {
    await this.schedule.remove(caller, null, params.id);
    return {};
  }

  @Endpoint(g1.delete)
  async globalDeleteV1(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof g1.delete>) {
    await this.schedule.remove(caller, null, params.id);
    return {};
  }

  @Endpoint(t.list)
  async teamList(@CurrentCaller() caller: Caller, @In() { params, query }: RouteInput<typeof t.list>) {
    return { scheduled: (await this.schedule.list(caller, params.id, query)).items.map(toScheduleEntryDto) };
  }

  @Endpoint(ta.list)
  async teamListAlias(@CurrentCaller() caller: Caller, @In() { params, query }: RouteInput<typeof ta.list>) {
    return { scheduled: (await this.schedule.list(caller, params.id, query)).items.map(toScheduleEntryDto) };
  }

  @Endpoint(t.create)
  async teamCreate(@CurrentCaller() caller: Caller, @In() { params, body }: RouteInput<typeof t.create>) {
    return { scheduled: toScheduleEntryDto(await this.schedule.add(caller, params.id, body)) };
  }

  @Endpoint(ta.create)
  async teamCreateAlias(@CurrentCaller() caller: Caller, @In() { params, body }: RouteInput<typeof ta.create>) {
    return { scheduled: toScheduleEntryDto(await this.schedule.add(caller, params.id, body)) };
  }

  @Endpoint(t.modify)
  async teamModify(@CurrentCaller() caller: Caller, @In() { params, body }: RouteInput<typeof t.modify>) {
    return { scheduled: toScheduleEntryDto(await this.schedule.modify(caller, params.id, params.scheduled_query_id, body)) };
  }

  @Endpoint(ta.modify)
  async teamModifyAlias(@CurrentCaller() caller: Caller, @In() { params, body }: RouteInput<typeof ta.modify>) {
    return { scheduled: toScheduleEntryDto(await this.schedule.modify(caller, params.id, params.scheduled_query_id, body)) };
  }

  @Endpoint(t.delete)
  async teamDelete(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof t.delete>) {
    await this.schedule.remove(caller, params.id, params.scheduled_query_id);
    return {};
  }

  @Endpoint(ta.delete)
  async teamDeleteAlias(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof ta.delete>) {
    await this.schedule.remove(caller, params.id, params.scheduled_query_id);
    return {};
  }
}
