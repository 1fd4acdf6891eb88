import { forbidden } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import { POLICY } from '@fleet/domain';
import type { RoleName, RunnableQuery, TeamScope } from '@fleet/domain';

const RUN = POLICY['query:run'];

/**
 * Whether a role may run this query (null = ad-hoc SQL): the `query:run` rule of Fleet's matrix, plus Fleet's
 * exception for observers, who may run a saved query marked `observer_can_run`.
 */
function mayRun(role: RoleName, roles: readonly RoleName[], query: RunnableQuery | null): boolean {
  return roles.includes(role) || (role === 'observer' && query !== null && query.observerCanRun);
}

/**
 * The permission check of every live-query entry point: may the caller run this query (null = ad-hoc SQL), and
 * on which teams' hosts. Observers run only saved queries marked `observer_can_run`; team users reach only the
 * teams where their role allows it, and a team query only on its own team. Records the decision on the caller.
 */
export function authorizeRun(caller: Caller, query: RunnableQuery | null): TeamScope {
  const user = caller.user;
  let scope: TeamScope | null = null;
  if (user?.globalRole) {
    if (mayRun(user.globalRole, RUN.global, query)) scope = { kind: 'all' };
  } else if (user) {
    const teamIds = user.teams.filter((t) => mayRun(t.role, RUN.team, query)).map((t) => t.teamId)
      .filter((t) => query?.teamId === null || query?.teamId === undefined || t === query.teamId);
    if (teamIds.length > 0) scope = { kind: 'teams', teamIds };
  }
  caller.record(scope !== null);
  if (!scope) throw forbidden();
  return scope;
}
