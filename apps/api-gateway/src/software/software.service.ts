import { Injectable } from '@nestjs/common';
import { authorizeScope, notFound } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import type { ListOptions, Page, SoftwareVersion } from '@fleet/domain';
import { SoftwareRepository } from '@fleet/persistence';

/** Software inventory with host counts (fleet-admin-api.md §1.14); team users count only their teams' hosts. */
@Injectable()
export class SoftwareService {
  constructor(private readonly software: SoftwareRepository) {}

  /** One page, most installed first unless an order is given; `count` is the number of versions in all pages. */
  async list(caller: Caller, teamId: number | undefined, opts: ListOptions): Promise<Page<SoftwareVersion> & { count: number }> {
    const scope = authorizeScope(caller, 'software:read');
    return this.software.list(scope, teamId, opts.orderKey ? opts : { ...opts, orderKey: 'hosts_count', orderDirection: 'desc' });
  }

  /** How many versions `list` would return across its pages. */
  async count(caller: Caller, teamId: number | undefined, opts: ListOptions): Promise<number> {
    const scope = authorizeScope(caller, 'software:read');
    return (await this.software.list(scope, teamId, { ...opts, page: 0, perPage: 1 })).count;
  }

  async get(caller: Caller, teamId: number | undefined, id: number): Promise<SoftwareVersion> {
    const scope = authorizeScope(caller, 'software:read');
    const s = await this.software.findById(scope, teamId, id);
    if (!s) throw notFound(`Software with id=${id} was not found in the datastore`);
    return s;
  }
}
