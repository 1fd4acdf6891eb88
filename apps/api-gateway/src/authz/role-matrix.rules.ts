import type { RoutePermission } from '@fleet/contracts';
import { POLICY } from '@fleet/domain';
import type { RoleName } from '@fleet/domain';

/** Who calls in the role-matrix test: a global role, a role on team A ("own"), or a role on team B ("other"). */
export interface Who { readonly kind: 'global' | 'own' | 'other'; readonly role: RoleName }

/**
 * Whether Fleet's matrix lets `who` make a call that needs `permission`, where the call's object belongs to
 * team A (`team`), to no team (`global`), or is a list (`any`). Written from the rule's meaning, not through
 * the server's own authorizer, so the test checks the server against the declaration.
 */
export function matrixAllows(permission: RoutePermission, who: Who): boolean {
  if (permission === 'public' || permission === 'authenticated') return true;
  if (permission === 'creator') return false;
  const rule = POLICY[permission.action];
  if (who.kind === 'global') return rule.global.includes(who.role);
  const teamRoleQualifies = rule.team.includes(who.role);
  switch (permission.on) {
    case 'team': return who.kind === 'own' && teamRoleQualifies;
    case 'any': return teamRoleQualifies;
    case 'global': return rule.teamOnGlobal === true && teamRoleQualifies;
  }
}
