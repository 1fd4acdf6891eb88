import type { Caller } from '@fleet/auth';
import { hostRoutes as r } from '@fleet/contracts';
import type { RouteInput } from '@fleet/contracts';
import { rfc3339 } from '../core/time.mapper';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint, In } from '../http/endpoint.decorator';
import { HostQueryReportService } from './host-query-report.service';

/** `GET /hosts/:id/queries/:query_id`; declared in libs/contracts hosts.routes.ts. */
@AdminApi()
export class HostQueriesController {
  constructor(private readonly service: HostQueryReportService) {}

  @Endpoint(r.queryReport)
  async queryReport(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof r.queryReport>) {
    const { host, rows, clipped } = await this.service.report(caller, params.id, params.query_id);
    const last = rows.reduce<Date | null>((max, row) => (max === null || row.lastFetched > max ? row.lastFetched : max), null);
    return {
      query_id: params.query_id, host_id: host.id, host_name: host.hostname, host_team_id: host.teamId, last_fetched: last ? rfc3339(last) : null,
      report_clipped: clipped, results: rows.map((row) => ({ columns: row.columns })),
    };
  }
}
