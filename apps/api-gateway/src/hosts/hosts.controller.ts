import { Readable } from 'node:stream';
import { Header, Inject } from '@nestjs/common';
import type { Caller } from '@fleet/auth';
import { hostRoutes as r } from '@fleet/contracts';
import type { RouteInput } from '@fleet/contracts';
import type { Clock } from '@fleet/domain';
import { CLOCK } from '@fleet/platform';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint, In } from '../http/endpoint.decorator';
import { hostsCsvStream, mapBatches } from './host-report.csv';
import { toHostDetailDto, toHostDto, toHostListItemDto } from './host.mapper';
import { HostService } from './host.service';
import type { HostDetail } from './host.service';

/** Hosts (fleet-admin-api.md §1.3); routes declared in libs/contracts hosts.routes.ts. Status is computed as of the answer. */
@AdminApi()
export class HostsController {
  constructor(private readonly service: HostService, @Inject(CLOCK) private readonly clock: Clock) {}

  private detail(d: HostDetail) {
    return { host: toHostDetailDto(d.host, d.parts, this.clock.now()) };
  }

  @Endpoint(r.list)
  async list(@CurrentCaller() caller: Caller, @In() { query }: RouteInput<typeof r.list>) {
    const page = await this.service.list(caller, query.filters, query.list);
    const extras = await this.service.populate(page.items, query.populate);
    const now = this.clock.now();
    return { hosts: page.items.map((h) => toHostListItemDto(h, extras, query.populate, now)) };
  }

  @Endpoint(r.count)
  async count(@CurrentCaller() caller: Caller, @In() { query }: RouteInput<typeof r.count>) {
    return { count: await this.service.count(caller, query) };
  }

  @Endpoint(r.report)
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="hosts.csv"')
  // eslint-disable-next-line @typescript-eslint/require-await -- async so a refused permission check is an error answer like any other
  async report(@CurrentCaller() caller: Caller, @In() { query }: RouteInput<typeof r.report>) {
    const { now, batches } = this.service.report(caller, query.filters, query.list);
    return Readable.from(hostsCsvStream(mapBatches(batches, (h) => toHostDto(h, now)), query.columns), { objectMode: false });
  }

  @Endpoint(r.get)
  async get(@CurrentCaller() caller: Caller, @In() { params, query }: RouteInput<typeof r.get>) {
    return this.detail(await this.service.get(caller, params.id, !query.excludeSoftware));
  }

  @Endpoint(r.byIdentifier)
  async byIdentifier(@CurrentCaller() caller: Caller, @In() { params, query }: RouteInput<typeof r.byIdentifier>) {
    return this.detail(await this.service.getByIdentifier(caller, params.identifier, !query.excludeSoftware));
  }

  @Endpoint(r.refetch)
  async refetch(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof r.refetch>) {
    await this.service.refetch(caller, params.id);
    return {};
  }

  @Endpoint(r.delete)
  async delete(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof r.delete>) {
    await this.service.delete(caller, params.id);
    return {};
  }

  @Endpoint(r.deleteMany)
  async deleteMany(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof r.deleteMany>) {
    await this.service.deleteMany(caller, body.ids, body.filters);
    return {};
  }

  @Endpoint(r.transfer)
  async transfer(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof r.transfer>) {
    await this.service.transfer(caller, body.team_id, body.hosts);
    return {};
  }

  @Endpoint(r.transferByFilter)
  async transferByFilter(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof r.transferByFilter>) {
    await this.service.transferByFilter(caller, body.team_id, body.filters);
    return {};
  }
}
