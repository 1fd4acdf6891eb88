import { Injectable } from '@nestjs/common';
import { authorize } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import type { Activity, ActivityFilter, ListOptions, Page } from '@fleet/domain';
import { ActivityRepository } from '@fleet/persistence';

/** Reading the audit log (global admin, maintainer, observer, observer_plus). Writing is ActivityRecorder's. */
@Injectable()
export class ActivityService {
  constructor(private readonly activities: ActivityRepository) {}

  /** Newest first unless the caller orders it; `query` matches the actor's name or email. */
  async list(caller: Caller, opts: ListOptions & ActivityFilter): Promise<Page<Activity>> {
    authorize(caller, 'activity:read', { teamId: null });
    return this.activities.list(opts.orderKey ? opts : { ...opts, orderKey: 'id', orderDirection: 'desc' });
  }
}
