import { Body, HttpCode, Post } from '@nestjs/common';
import type { Caller } from '@fleet/auth';
import { AdminController } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { parseBody } from '../http/edge-parse';
import { targetsSearchSchema } from './live-query.schema';
import { TargetsService } from './targets.service';

/** POST /targets and /targets/count: reads with a body, as Fleet defines them. */
@AdminController('targets')
export class TargetsController {
  constructor(private readonly service: TargetsService) {}

  @Post()
  @HttpCode(200)
  async search(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    const req = parseBody(targetsSearchSchema, body);
    const r = await this.service.search(caller, req.query ?? '', req.selected);
    return {
      targets: {
        hosts: r.hosts.map((h) => ({ id: h.id, hostname: h.hostname, display_name: h.hostname, team_id: h.teamId, status: h.status })),
        labels: r.labels.map((l) => ({ id: l.id, name: l.name, description: l.description, label_type: l.builtin ? 'builtin' : 'regular',
          host_count: l.hostCount, count: l.hostCount, display_text: l.name })),
        teams: r.teams.map((t) => ({ id: t.id, name: t.name, description: t.description, host_count: t.hostCount, display_text: t.name })),
      },
      targets_count: r.counts.hosts.length, targets_online: r.counts.online, targets_offline: r.counts.offline, targets_missing_in_action: r.counts.missing,
    };
  }

  @Post('count')
  @HttpCode(200)
  async count(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    const req = parseBody(targetsSearchSchema, body);
    const c = await this.service.count(caller, req.selected);
    return { targets_count: c.hosts.length, targets_online: c.online, targets_offline: c.offline, targets_missing_in_action: c.missing };
  }
}
