import { Injectable } from '@nestjs/common';
import { authorize, authorizeScope, notFound } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import type { ListOptions, Page, SoftwareVersion, TeamScope } from '@fleet/domain';
import { SoftwareRepository } from '@fleet/persistence';

/**
 * Software inventory with host counts (fleet-admin-api.md §1.14); team users count only their teams' hosts.
 * A `team_id` names the inventory of one team (0 = hosts of no team), and, as Fleet authorizes the software
 * inventory of that team, needs a reading role on it: a team user naming another team, or no team, is refused
 * (403) rather than answered with nothing.
 */
@Injectable()
export class SoftwareService {
  constructor(private readonly software: SoftwareRepository) {}

  /** One page, most installed first unless an order is given; `count` is the number of versions in all pages. */
  async list(caller: Caller, teamId: number | undefined, opts: ListOptions): Promise<Page<SoftwareVersion> & { count: number }> {
    const scope = authorizeInventory(caller, teamId);
    return this.software.list(scope, teamId, opts.orderKey ? opts : { ...opts, orderKey: 'hosts_count', orderDirection: 'desc' });
  }

  /** How many versions `list` would return across its pages. */
  async count(caller: Caller, teamId: number | undefined, opts: ListOptions): Promise<number> {
    const scope = authorizeInventory(caller, teamId);
    return (await this.software.list(scope, teamId, { ...opts, page: 0, perPage: 1 })).count;
  }

  async get(caller: Caller, teamId: number | undefined, id: number): Promise<SoftwareVersion> {
    const scope = authorizeInventory(caller, teamId);
    const s = await this.software.findById(scope, teamId, id);
    if (!s) throw notFound(`Software with id=${id} was not found in the datastore`);
    return s;
  }
}

/** The caller's scope for the inventory, after the check of the team `teamId` names (0 = no team, a global object). */
function authorizeInventory(caller: Caller, teamId: number | undefined): TeamScope {
  if (teamId !== undefined) authorize(caller, 'software:read', { teamId: teamId === 0 ? null : teamId });
  return authorizeScope(caller, 'software:read');
}
