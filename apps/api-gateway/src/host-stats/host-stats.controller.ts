import type { Caller } from '@fleet/auth';
import { hostStatsRoutes as r } from '@fleet/contracts';
import type { RouteInput } from '@fleet/contracts';
import { splitOsVersion } from '@fleet/domain';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint, In } from '../http/endpoint.decorator';
import { HostStatsService } from './host-stats.service';

/** The online-hosts history and the OS versions in use; declared in libs/contracts host-stats.routes.ts. */
@AdminApi()
export class HostStatsController {
  constructor(private readonly service: HostStatsService) {}

  @Endpoint(r.onlineHistory)
  async onlineHistory(@CurrentCaller() caller: Caller, @In() { query }: RouteInput<typeof r.onlineHistory>) {
    const { bucketSeconds, points } = await this.service.onlineHistory(caller, query.team_id, query.range);
    return {
      team_id: query.team_id ?? null, range: query.range, bucket_seconds: bucketSeconds,
      points: points.map((p) => ({ recorded_at: p.at.toISOString(), online_count: p.online, total_count: p.total })),
    };
  }

  @Endpoint(r.osVersions)
  async osVersions(@CurrentCaller() caller: Caller, @In() { query }: RouteInput<typeof r.osVersions>) {
    const osVersion = query.os_name !== undefined ? `${query.os_name} ${query.os_version ?? ''}`.trim() : undefined;
    const all = await this.service.osVersions(caller, { teamId: query.team_id, platform: query.platform || undefined, osVersion });
    const start = query.page * query.perPage;
    const page = query.perPage > 0 ? all.slice(start, start + query.perPage) : all;
    return {
      count: all.length, counts_updated_at: null,
      os_versions: page.map((v) => {
        const { name, version } = splitOsVersion(v.osVersion);
        return { hosts_count: v.hosts, name: v.osVersion, name_only: name, version, platform: v.platform, generated_cpes: [], vulnerabilities: [] };
      }),
      meta: { has_next_results: query.perPage > 0 && start + query.perPage < all.length, has_previous_results: query.perPage > 0 && query.page > 0 },
    };
  }
}
