import { Inject, Injectable } from '@nestjs/common';
import { authorizeScope } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import type { Clock, Host, TeamScope } from '@fleet/domain';
import { HostRepository, QueryRepository } from '@fleet/persistence';
import { CLOCK } from '@fleet/platform';

/** Fleet's target search answers at most this many hosts. */
export const HOST_SEARCH_LIMIT = 10;

/**
 * The teams an observer may target: Fleet's host search leaves observers out unless the search is for a saved
 * query they may run (`observer_can_run`); observer+ and the writers are never left out.
 */
export function searchScope(caller: Caller, scope: TeamScope, observerCanRun: boolean): TeamScope {
  if (observerCanRun) return scope;
  const user = caller.signedIn;
  if (user.globalRole) return user.globalRole === 'observer' ? { kind: 'teams', teamIds: [] } : scope;
  if (scope.kind === 'all') return scope;
  const observerOf = new Set(user.teams.filter((t) => t.role === 'observer').map((t) => t.teamId));
  return { kind: 'teams', teamIds: scope.teamIds.filter((id) => !observerOf.has(id)) };
}

/** `POST /hosts/search` (fleet-admin-api.md §1.3): hosts to target, matched like the host list's `query`. */
@Injectable()
export class HostSearchService {
  constructor(
    private readonly hosts: HostRepository,
    private readonly queries: QueryRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async search(caller: Caller, text: string, queryId: number | null | undefined, excluded: readonly number[]): Promise<Host[]> {
    const readable = authorizeScope(caller, 'host:read');
    const canRun = queryId ? (await this.queries.findById(queryId))?.observerCanRun === true : false;
    const scope = searchScope(caller, readable, canRun);
    const query = text.trim();
    const page = await this.hosts.list(scope, query ? { query } : {},
      { page: 0, perPage: HOST_SEARCH_LIMIT + excluded.length, orderKey: 'hostname', orderDirection: 'asc' }, this.clock.now());
    return page.items.filter((h) => !excluded.includes(h.id)).slice(0, HOST_SEARCH_LIMIT);
  }
}
