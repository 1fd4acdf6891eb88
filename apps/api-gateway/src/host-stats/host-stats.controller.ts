import type { Caller } from '@fleet/auth';
import { hostStatsRoutes as r } from '@fleet/contracts';
import type { RouteInput } from '@fleet/contracts';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint, In } from '../http/endpoint.decorator';
import { HostStatsService } from './host-stats.service';

/** The online-hosts history; declared in libs/contracts host-stats.routes.ts (OS versions: the vulnerabilities context). */
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
}
