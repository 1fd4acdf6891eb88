import { Injectable } from '@nestjs/common';
import { authorizeScope, notFound } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import type { Activity, ListOptions, Page } from '@fleet/domain';
import { ActivityRepository, HostRepository } from '@fleet/persistence';

/** A host's past activities (Fleet's `GET /hosts/:id/activities`): whoever may read the host may read them. */
@Injectable()
export class HostActivityService {
  constructor(private readonly activities: ActivityRepository, private readonly hosts: HostRepository) {}

  async list(caller: Caller, hostId: number, opts: ListOptions): Promise<Page<Activity>> {
    const scope = authorizeScope(caller, 'host:read');
    if (!(await this.hosts.findById(scope, hostId))) throw notFound(`Host with id=${hostId} was not found in the datastore`);
    return this.activities.listForHost(hostId, opts);
  }
}
