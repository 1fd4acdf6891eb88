import { forbidden } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import type { RunnableQuery } from '@fleet/persistence';
import type { RoleName, TeamScope } from '@fleet/domain';

/** Roles that may run any SQL, ad hoc or saved (Fleet's policy.rego `run_new`). GitOps may not run queries. */
const RUN_ANY: readonly RoleName[] = ['admin', 'maintainer', 'observer_plus'];

function mayRun(role: RoleName, query: RunnableQuery | null): boolean {
  return RUN_ANY.includes(role) || (role === 'observer' && query !== null && query.observerCanRun);
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
    if (mayRun(user.globalRole, query)) scope = { kind: 'all' };
  } else if (user) {
    const teamIds = user.teams.filter((t) => mayRun(t.role, query)).map((t) => t.teamId)
      .filter((t) => query?.teamId === null || query?.teamId === undefined || t === query.teamId);
    if (teamIds.length > 0) scope = { kind: 'teams', teamIds };
  }
  caller.record(scope !== null);
  if (!scope) throw forbidden();
  return scope;
}
