import { forbidden } from './admin-error';
import type { Caller } from './caller';
import type { Action } from '@fleet/domain';
import { POLICY } from '@fleet/domain';
import type { TeamScope } from '@fleet/domain';

/** The object a check is about: a team-owned object (teamId), a global object (null), or "any" for lists. */
export type Target = { readonly teamId: number | null } | 'any';

/** Pure verdict, no side effects; `authorize` records it on the caller. */
export function isAllowed(caller: Caller, action: Action, target: Target): boolean {
  const user = caller.user;
  if (!user) return false;
  const rule = POLICY[action];
  if (user.globalRole) return rule.global.includes(user.globalRole);
  const qualifying = user.teams.filter((t) => rule.team.includes(t.role));
  if (target === 'any') return qualifying.length > 0;
  if (target.teamId === null) return rule.teamOnGlobal === true && qualifying.length > 0;
  return qualifying.some((t) => t.teamId === target.teamId);
}

/** The permission check every service method starts with. Throws 403 `forbidden` when denied. */
export function authorize(caller: Caller, action: Action, target: Target): void {
  const allowed = isAllowed(caller, action, target);
  caller.record(allowed);
  if (!allowed) throw forbidden();
}

/** Like `authorize` for lists: returns the teams whose rows the caller may see for this action. */
export function authorizeScope(caller: Caller, action: Action): TeamScope {
  authorize(caller, action, 'any');
  const user = caller.signedIn;
  if (user.globalRole) return { kind: 'all' };
  const rule = POLICY[action];
  return { kind: 'teams', teamIds: user.teams.filter((t) => rule.team.includes(t.role)).map((t) => t.teamId) };
}

/** Self-service actions (own user, own sessions): allowed for the user themself, otherwise per `action`. */
export function authorizeSelfOr(caller: Caller, userId: number, action: Action): void {
  if (caller.user?.id === userId) caller.record(true);
  else authorize(caller, action, { teamId: null });
}

/** Whether a read may include secrets, without recording a decision (the route's own check is separate). */
export function mayAlso(caller: Caller, action: Action, target: Target): boolean {
  return isAllowed(caller, action, target);
}

/**
 * The teams whose rows a caller would see for `action`, without recording a decision: for narrowing data
 * inside an already-authorized read (a query report shows only rows of hosts the caller may see).
 */
export function visibleScope(caller: Caller, action: Action): TeamScope {
  const user = caller.user;
  if (!user) return { kind: 'teams', teamIds: [] };
  const rule = POLICY[action];
  if (user.globalRole) return rule.global.includes(user.globalRole) ? { kind: 'all' } : { kind: 'teams', teamIds: [] };
  return { kind: 'teams', teamIds: user.teams.filter((t) => rule.team.includes(t.role)).map((t) => t.teamId) };
}
