import type { Caller } from '@fleet/auth';
import { softwareRoutes as r } from '@fleet/contracts';
import type { RouteInput } from '@fleet/contracts';
import type { SoftwareVersion } from '@fleet/domain';
import { listMeta } from '../core/time.mapper';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint, In } from '../http/endpoint.decorator';
import { SoftwareService } from './software.service';

/** Vulnerability data is not collected, so `vulnerabilities` is null and `generated_cpe` empty. */
const toSoftwareDto = (s: SoftwareVersion) => ({
  id: s.id, name: s.name, version: s.version, source: s.source, browser: '', release: s.release, vendor: s.vendor, arch: s.arch,
  generated_cpe: '', vulnerabilities: null, hosts_count: s.hostsCount,
});

/**
 * Software versions (fleet-admin-api.md §1.14); routes declared in libs/contracts software.routes.ts.
 * `/software/versions` and the deprecated `/software` answer alike. Counts are live, so `counts_updated_at` is null.
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
    const page = await this.service.list(caller, query.team.team_id, query.list);
    return { counts_updated_at: null, count: page.count, software: page.items.map(toSoftwareDto), meta: listMeta(page) };
  }

  /** `{count}` of the versions that `GET /software/versions` would list with the same filters. */
  @Endpoint(r.count)
  async count(@CurrentCaller() caller: Caller, @In() { query }: RouteInput<typeof r.count>) {
    return { count: await this.service.count(caller, query.team.team_id, query.list) };
  }

  @Endpoint(r.get)
  async get(@CurrentCaller() caller: Caller, @In() { params, query }: RouteInput<typeof r.get>) {
    return { software: toSoftwareDto(await this.service.get(caller, query.team_id, params.id)) };
  }
}
