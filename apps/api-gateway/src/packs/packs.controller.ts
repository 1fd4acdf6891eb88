import type { Caller } from '@fleet/auth';
import { packRoutes as r } from '@fleet/contracts';
import type { RouteInput } from '@fleet/contracts';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint, In } from '../http/endpoint.decorator';
import { packPatch, packTargets, toPackDto, toScheduledDto } from './pack.mapper';
import { PackService } from './pack.service';
import { ScheduleService } from './schedule.service';

/** 2017 packs (fleet-admin-api.md §1.7); routes declared in libs/contracts packs.routes.ts. */
@AdminApi()
export class PacksController {
  constructor(private readonly packs: PackService, private readonly schedule: ScheduleService) {}

  @Endpoint(r.list)
  async list(@CurrentCaller() caller: Caller, @In() { query }: RouteInput<typeof r.list>) {
    return { packs: (await this.packs.list(caller, query)).items.map(toPackDto) };
  }

  @Endpoint(r.create)
  async create(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof r.create>) {
    const fields = { name: body.name, description: body.description ?? '', platform: body.platform ?? '', disabled: false };
    return { pack: toPackDto(await this.packs.create(caller, fields, { hostIds: [], labelIds: [], teamIds: [], ...packTargets(body) })) };
  }

  @Endpoint(r.get)
  async get(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof r.get>) {
    return { pack: toPackDto(await this.packs.get(caller, params.id)) };
  }

  @Endpoint(r.modify)
  async modify(@CurrentCaller() caller: Caller, @In() { params, body }: RouteInput<typeof r.modify>) {
    return { pack: toPackDto(await this.packs.modify(caller, params.id, packPatch(body), packTargets(body))) };
  }

  @Endpoint(r.scheduled)
  async scheduled(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof r.scheduled>) {
    return { scheduled: (await this.schedule.ofPack(caller, params.id)).map(toScheduledDto) };
  }

  @Endpoint(r.deleteById)
  async deleteById(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof r.deleteById>) {
    await this.packs.deleteById(caller, params.id);
    return {};
  }

  @Endpoint(r.deleteByName)
  async deleteByName(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof r.deleteByName>) {
    await this.packs.deleteByName(caller, params.name);
    return {};
  }
}
