import { createHash } from 'node:crypto';
import { Get, Query } from '@nestjs/common';
import type { Caller } from '@fleet/auth';
import { listQuerySchema } from '@fleet/contracts';
import type { ActivityRecord } from '@fleet/persistence';
import { AdminController } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { parseQuery } from '../http/edge-parse';
import { listMeta, rfc3339 } from '../core/time.mapper';
import { ActivityService } from './activity.service';

const toActivityDto = (a: ActivityRecord) => ({
  created_at: rfc3339(a.createdAt), id: a.id, actor_full_name: a.actorName, actor_id: a.actorId,
  actor_gravatar: a.actorEmail ? `https://www.gravatar.com/avatar/${createHash('md5').update(a.actorEmail.toLowerCase()).digest('hex')}?d=blank` : '',
  actor_email: a.actorEmail, type: a.type, fleet_initiated: a.fleetInitiated, details: a.details,
});

/** `GET /activities` (fleet-admin-api.md §1.13), newest first unless ordered otherwise. */
@AdminController('activities')
export class ActivitiesController {
  constructor(private readonly service: ActivityService) {}

  @Get()
  async list(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    const opts = parseQuery(listQuerySchema, query);
    const page = await this.service.list(caller, opts.orderKey ? opts : { ...opts, orderKey: 'id', orderDirection: 'desc' });
    return { activities: page.items.map(toActivityDto), meta: listMeta(page) };
  }
}
