import type { Caller } from '@fleet/auth';
import { softwareRoutes as r } from '@fleet/contracts';
import type { RouteInput } from '@fleet/contracts';
import { listMeta } from '../core/time.mapper';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint, In } from '../http/endpoint.decorator';
import { filtersOf } from './software.controller';
import { toHostSoftwareDto, toTitleDetailDto, toTitleDto } from './software.mapper';
import { SoftwareService } from './software.service';

/** Software titles and a host's software (fleet-admin-api.md §1.14, §1.3); declared in software.routes.ts. */
@AdminApi()
export class SoftwareTitlesController {
  constructor(private readonly service: SoftwareService) {}

  @Endpoint(r.titles)
  async titles(@CurrentCaller() caller: Caller, @In() { query }: RouteInput<typeof r.titles>) {
    const page = await this.service.listTitles(caller, filtersOf(query.team), query.list);
    return { counts_updated_at: null, count: page.count, software_titles: page.items.map(toTitleDto), meta: listMeta(page) };
  }

  @Endpoint(r.title)
  async title(@CurrentCaller() caller: Caller, @In() { params, query }: RouteInput<typeof r.title>) {
    return { software_title: toTitleDetailDto(await this.service.getTitle(caller, query.team_id, params.id)) };
  }

  @Endpoint(r.hostSoftware)
  async hostSoftware(@CurrentCaller() caller: Caller, @In() { params, query }: RouteInput<typeof r.hostSoftware>) {
    const page = await this.service.hostSoftware(caller, params.id, { ...query.list, ...(query.filters.vulnerable ? { vulnerable: true } : {}) });
    return { count: page.count, software: page.items.map(toHostSoftwareDto), meta: listMeta(page) };
  }
}
