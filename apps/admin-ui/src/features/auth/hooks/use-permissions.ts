import type { AnyAdminRoute } from '@fleet/contracts';
import { useMe } from './use-session';

type Role = 'admin' | 'maintainer' | 'observer' | 'observer_plus' | 'gitops';
interface Rule { readonly global: readonly Role[]; readonly team: readonly Role[]; readonly teamOnGlobal?: boolean }

const READERS: readonly Role[] = ['admin', 'maintainer', 'observer', 'observer_plus'];
const WRITERS: readonly Role[] = ['admin', 'maintainer', 'gitops'];

/**
 * The server's role matrix (POLICY in @fleet/domain, fleet-admin-api.md §2) for the actions the management
 * pages show or hide controls for. The server decides; this only keeps buttons away from users it would refuse.
 * An action missing here is treated as refused.
 */
const RULES: Readonly<Record<string, Rule>> = {
  'label:write': { global: WRITERS, team: [] },
  'policy:read': { global: [...READERS, 'gitops'], team: [...READERS, 'gitops'], teamOnGlobal: true },
  'policy:write': { global: WRITERS, team: WRITERS },
  'query:run': { global: ['admin', 'maintainer', 'observer_plus'], team: ['admin', 'maintainer', 'observer_plus'] },
  'team:read': { global: READERS, team: [...READERS, 'gitops'] },
  'team:create': { global: ['admin', 'gitops'], team: [] },
  'team:write': { global: ['admin', 'gitops'], team: ['admin', 'gitops'] },
  'team:secrets': { global: ['admin', 'maintainer'], team: ['admin', 'maintainer'] },
  'enroll_secret:read': { global: ['admin', 'maintainer'], team: [] },
  'enroll_secret:write': { global: WRITERS, team: [] },
  'config:read_secrets': { global: ['admin'], team: [] },
  'config:write': { global: ['admin', 'gitops'], team: [] },
  'user:read': { global: READERS, team: ['admin'] },
  'user:write': { global: ['admin'], team: [] },
  'activity:read': { global: READERS, team: [] },
};

interface Me { user: { global_role: string | null; teams: ReadonlyArray<{ id: number; role: string }> } }

/** Whether `me` may do `action` on the object of team `teamId` (null: a global object). */
export function allowed(me: Me | undefined, action: string, teamId: number | null): boolean {
  const rule = RULES[action];
  if (!me || !rule) return false;
  const global = me.user.global_role as Role | null;
  if (global) return rule.global.includes(global);
  if (teamId === null) return rule.teamOnGlobal === true && me.user.teams.some((t) => rule.team.includes(t.role as Role));
  const role = me.user.teams.find((t) => t.id === teamId)?.role as Role | undefined;
  return role !== undefined && rule.team.includes(role);
}

/**
 * `can(route, teamId)`: whether the signed-in user may call `route` for team `teamId` (null for the
 * organisation), read from the route's declared permission, so a page shows an action only where the API
 * would take it. `canDo(action, teamId)`: the same for an action of the matrix; `anyTeam(action)`: on at least one
 * team or globally.
 */
export function usePermissions() {
  const me = useMe().data;
  const anyTeam = (action: string): boolean => allowed(me, action, null) || (me?.user.teams ?? []).some((t) => allowed(me, action, t.id));
  const can = (route: AnyAdminRoute, teamId: number | null = null): boolean => {
    const p = route.permission;
    if (typeof p === 'string') return me !== undefined;
    if (p.on === 'any') return anyTeam(p.action);
    return allowed(me, p.action, p.on === 'global' ? null : teamId);
  };
  const canDo = (action: string, teamId: number | null = null): boolean => allowed(me, action, teamId);
  return { me, can, canDo, anyTeam, isGlobalAdmin: me?.user.global_role === 'admin' };
}
