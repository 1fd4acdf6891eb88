import type { Caller } from '@fleet/auth';
import { labelRoutes as r } from '@fleet/contracts';
import type { RouteInput } from '@fleet/contracts';
import { toHostDto } from '../hosts/host.mapper';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint, In } from '../http/endpoint.decorator';
import { toLabelDto, toLabelSummaryDto } from './label.mapper';
import { LabelService } from './label.service';

/** Labels (fleet-admin-api.md §1.4); routes declared in libs/contracts labels.routes.ts. */
@AdminApi()
export class LabelsController {
  constructor(private readonly service: LabelService) {}

  @Endpoint(r.list)
  async list(@CurrentCaller() caller: Caller, @In() { query }: RouteInput<typeof r.list>) {
    return { labels: (await this.service.list(caller, query)).items.map(toLabelDto) };
  }

  @Endpoint(r.summary)
  async summary(@CurrentCaller() caller: Caller) {
    return { labels: (await this.service.summary(caller)).map(toLabelSummaryDto) };
  }

  @Endpoint(r.create)
  async create(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof r.create>) {
    return { label: toLabelDto(await this.service.create(caller, body)) };
  }

  @Endpoint(r.get)
  async get(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof r.get>) {
    return { label: toLabelDto(await this.service.get(caller, params.id)) };
  }

  @Endpoint(r.modify)
  async modify(@CurrentCaller() caller: Caller, @In() { params, body }: RouteInput<typeof r.modify>) {
    return { label: toLabelDto(await this.service.modify(caller, params.id, body)) };
  }

  @Endpoint(r.hosts)
  async hosts(@CurrentCaller() caller: Caller, @In() { params, query }: RouteInput<typeof r.hosts>) {
    const page = await this.service.hosts(caller, params.id, query.filters, query.list);
    const now = this.service.now();
    return { hosts: page.items.map((h) => toHostDto(h, now)) };
  }

  @Endpoint(r.deleteById)
  async deleteById(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof r.deleteById>) {
    await this.service.deleteById(caller, params.id);
    return {};
  }

  /** By URL-escaped name (Fastify has already decoded it). */
  @Endpoint(r.deleteByName)
  async deleteByName(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof r.deleteByName>) {
    await this.service.deleteByName(caller, params.name);
    return {};
  }
}
