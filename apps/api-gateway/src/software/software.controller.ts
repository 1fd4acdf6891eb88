import type { Caller } from '@fleet/auth';
import { softwareRoutes as r } from '@fleet/contracts';
import type { RouteInput } from '@fleet/contracts';
import type { SoftwareFilters } from '@fleet/domain';
import { listMeta } from '../core/time.mapper';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint, In } from '../http/endpoint.decorator';
import { toSoftwareDto } from './software.mapper';
import { SoftwareService } from './software.service';

type ListInput = RouteInput<typeof r.list>['query'];

/** The filters of a software list query. */
export function filtersOf(team: ListInput['team']): SoftwareFilters {
  return {
    ...(team.team_id !== undefined ? { teamId: team.team_id } : {}), ...(team.vulnerable ? { vulnerable: true } : {}), ...(team.exploit ? { exploit: true } : {}),
    ...(team.min_cvss_score !== undefined ? { minCvssScore: team.min_cvss_score } : {}), ...(team.max_cvss_score !== undefined ? { maxCvssScore: team.max_cvss_score } : {}),
  };
}

/**
 * Software versions (fleet-admin-api.md §1.14); routes declared in libs/contracts software.routes.ts.
 * `/software/versions` and the deprecated `/software` answer alike. Host counts are kept current as hosts
 * report, so `counts_updated_at` is null.
 */
@AdminApi()
export class SoftwareController {
  constructor(private readonly service: SoftwareService) {}

  @Endpoint(r.listDeprecated)
  async listDeprecated(@CurrentCaller() caller: Caller, @In() input: RouteInput<typeof r.listDeprecated>) {
    return this.list(caller, input);
  }

  @Endpoint(r.list)
  async list(@CurrentCaller() caller: Caller, @In() { query }: RouteInput<typeof r.list>) {
    const page = await this.service.listVersions(caller, filtersOf(query.team), query.list);
    const brief = query.team.without_vulnerability_details === true;
    return { counts_updated_at: null, count: page.count, software: page.items.map((s) => toSoftwareDto(s, brief)), meta: listMeta(page) };
  }

  /** `{count}` of the versions that `GET /software/versions` would list with the same filters. */
  @Endpoint(r.count)
  async count(@CurrentCaller() caller: Caller, @In() { query }: RouteInput<typeof r.count>) {
    return { count: await this.service.countVersions(caller, filtersOf(query.team), query.list) };
  }

  @Endpoint(r.get)
  async get(@CurrentCaller() caller: Caller, @In() { params, query }: RouteInput<typeof r.get>) {
    return { software: toSoftwareDto(await this.service.getVersion(caller, query.team_id, params.id)) };
  }
}
