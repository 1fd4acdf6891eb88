import type { Caller } from '@fleet/auth';
import { hostRoutes as r } from '@fleet/contracts';
import type { RouteInput } from '@fleet/contracts';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint, In } from '../http/endpoint.decorator';
import { HostSummaryService } from './host-summary.service';

/** `GET /host_summary` (fleet-admin-api.md §1.3); declared in libs/contracts hosts.routes.ts. */
@AdminApi()
export class HostSummaryController {
  constructor(private readonly service: HostSummaryService) {}

  @Endpoint(r.summary)
  async summary(@CurrentCaller() caller: Caller, @In() { query }: RouteInput<typeof r.summary>) {
    const { summary: s, builtins, lowDiskSpace } = await this.service.summary(caller, query.team_id, query.platform || undefined, query.low_disk_space);
    return {
      team_id: query.team_id ?? null, totals_hosts_count: s.total, online_count: s.online, offline_count: s.offline,
      mia_count: s.missing, missing_30_days_count: s.missing, new_count: s.new, all_linux_count: s.allLinux,
      ...(lowDiskSpace === undefined ? {} : { low_disk_space_count: lowDiskSpace }),
      builtin_labels: builtins.map((l) => ({ id: l.id, name: l.name, description: l.description, label_type: 'builtin' as const })),
      platforms: s.platforms.map((p) => ({ platform: p.platform, hosts_count: p.count })),
    };
  }
}
