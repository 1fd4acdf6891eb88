import { Injectable } from '@nestjs/common';
import { authorize } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import { ActivityRepository } from '@fleet/persistence';
import type { ActivityRecord, ListOptions, Page } from '@fleet/persistence';

/** Reading the audit log (global admin, maintainer, observer, observer_plus). */
@Injectable()
export class ActivityService {
  constructor(private readonly activities: ActivityRepository) {}

  async list(caller: Caller, opts: ListOptions): Promise<Page<ActivityRecord>> {
    authorize(caller, 'activity:read', { teamId: null });
    return this.activities.list(opts);
  }
}
