import { Get, Query } from '@nestjs/common';
import type { Caller } from '@fleet/auth';
import { optionalIntParam } from '@fleet/contracts';
import { z } from 'zod';
import { AdminController } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { parseQuery } from '../http/edge-parse';
import { HostSummaryService } from './host-summary.service';

const summaryQuery = z.object({ team_id: optionalIntParam, platform: z.string().optional() }).passthrough();

/** `GET /host_summary` (fleet-admin-api.md §1.3). */
@AdminController('host_summary')
export class HostSummaryController {
  constructor(private readonly service: HostSummaryService) {}

  @Get()
  async summary(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    const q = parseQuery(summaryQuery, query);
    const { summary: s, builtins } = await this.service.summary(caller, q.team_id, q.platform || undefined);
    return {
      team_id: q.team_id ?? null, totals_hosts_count: s.total, online_count: s.online, offline_count: s.offline,
      mia_count: s.missing, missing_30_days_count: s.missing, new_count: s.new, all_linux_count: s.allLinux,
      builtin_labels: builtins.map((l) => ({ id: l.id, name: l.name, description: l.description, label_type: 'builtin' as const })),
      platforms: s.platforms.map((p) => ({ platform: p.platform, hosts_count: p.count })),
    };
  }
}
