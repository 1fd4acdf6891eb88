import { createHash } from 'node:crypto';
import type { Caller } from '@fleet/auth';
import { activityRoutes as r } from '@fleet/contracts';
import type { RouteInput } from '@fleet/contracts';
import type { Activity } from '@fleet/domain';
import { listMeta, rfc3339 } from '../core/time.mapper';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint, In } from '../http/endpoint.decorator';
import { ActivityService } from './activity.service';
import { HostActivityService } from './host-activity.service';

const gravatar = (email: string): string =>
  (email ? `https://www.gravatar.com/avatar/${createHash('md5').update(email.toLowerCase()).digest('hex')}?d=blank` : '');

/**
 * Fleet's activity: the actor fields are left out when there is no value (Fleet's `omitempty` pointers), so an
 * entry Fleet initiated (a failed login, an expiry) has none, and one whose author was deleted keeps the name and
 * email it was written with but no id or gravatar.
 */
export const toActivityDto = (a: Activity) => ({
  created_at: rfc3339(a.createdAt), id: a.id,
  ...(a.actorName !== null ? { actor_full_name: a.actorName } : {}),
  ...(a.actorId !== null ? { actor_id: a.actorId, actor_gravatar: gravatar(a.actorEmail) } : {}),
  ...(a.actorEmail !== '' ? { actor_email: a.actorEmail } : {}),
  type: a.type, fleet_initiated: a.fleetInitiated, details: a.details,
});

/** `GET /activities` and `GET /hosts/:id/activities` (fleet-admin-api.md §1.13, §1.3); declared in libs/contracts activities.routes.ts. */
@AdminApi()
export class ActivitiesController {
  constructor(private readonly service: ActivityService, private readonly hostActivities: HostActivityService) {}

  @Endpoint(r.list)
  async list(@CurrentCaller() caller: Caller, @In() { query }: RouteInput<typeof r.list>) {
    const { activity_type: type, start_created_at: createdFrom, end_created_at: createdTo, ...list } = query;
    const page = await this.service.list(caller, { ...list, ...(type ? { type } : {}), ...(createdFrom ? { createdFrom } : {}), ...(createdTo ? { createdTo } : {}) });
    return { activities: page.items.map(toActivityDto), meta: listMeta(page) };
  }

  @Endpoint(r.host)
  async host(@CurrentCaller() caller: Caller, @In() { params, query }: RouteInput<typeof r.host>) {
    const page = await this.hostActivities.list(caller, params.id, query);
    return { activities: page.items.map(toActivityDto), meta: listMeta(page) };
  }
}
