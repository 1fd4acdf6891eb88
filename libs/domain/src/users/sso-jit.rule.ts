import type { RoleName } from '../authz/roles';

/** SAML attributes as the identity provider sent them: every value of each attribute, in document order. */
export type SamlAttributes = Readonly<Record<string, readonly string[]>>;

export const JIT_GLOBAL_ROLE_ATTRIBUTE = 'FLEET_JIT_USER_ROLE_GLOBAL';
export const JIT_TEAM_ROLE_ATTRIBUTE_PREFIX = 'FLEET_JIT_USER_ROLE_TEAM_';

/** Roles a JIT-provisioned account may receive from an assertion; `gitops` is for API-only users, who cannot use SSO. */
const JIT_ROLES: readonly RoleName[] = ['admin', 'maintainer', 'observer', 'observer_plus'];

/** Attribute names Fleet reads the new account's full name from, in order of preference. */
export const SSO_NAME_ATTRIBUTES = ['name', 'displayname', 'cn', 'urn:oid:2.5.4.3', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name'] as const;

/**
 * The roles an assertion asks for (Fleet's "customization of user roles"): `FLEET_JIT_USER_ROLE_GLOBAL` and
 * `FLEET_JIT_USER_ROLE_TEAM_<id>`, the last value of each counting, `null` ignored. `none` when no role
 * attribute is present (a new account is then a global observer, an existing one keeps its roles); `invalid`
 * with a reason for an unknown role or for a global role together with team roles.
 */
export type JitRoles =
  | { readonly kind: 'none' }
  | { readonly kind: 'global'; readonly role: RoleName }
  | { readonly kind: 'teams'; readonly teams: ReadonlyArray<{ readonly teamId: number; readonly role: RoleName }> }
  | { readonly kind: 'invalid'; readonly reason: string };

export function jitRoles(attributes: SamlAttributes): JitRoles {
  let global: RoleName | null = null;
  const teams: Array<{ teamId: number; role: RoleName }> = [];
  for (const [name, values] of Object.entries(attributes)) {
    const isGlobal = name === JIT_GLOBAL_ROLE_ATTRIBUTE;
    const teamMatch = name.startsWith(JIT_TEAM_ROLE_ATTRIBUTE_PREFIX) ? /^\d+$/.exec(name.slice(JIT_TEAM_ROLE_ATTRIBUTE_PREFIX.length)) : null;
    if (!isGlobal && !name.startsWith(JIT_TEAM_ROLE_ATTRIBUTE_PREFIX)) continue;
    const value = values[values.length - 1]?.trim();
    if (value === undefined || value === '' || value === 'null') continue;
    if (!(JIT_ROLES as readonly string[]).includes(value)) return { kind: 'invalid', reason: `invalid role in ${name}: ${value}` };
    const role = value as RoleName;
    if (isGlobal) global = role;
    else if (teamMatch && Number(teamMatch[0]) > 0) teams.push({ teamId: Number(teamMatch[0]), role });
    else return { kind: 'invalid', reason: `invalid team id in ${name}` };
  }
  if (global && teams.length > 0) return { kind: 'invalid', reason: `${JIT_GLOBAL_ROLE_ATTRIBUTE} cannot be combined with team roles` };
  if (global) return { kind: 'global', role: global };
  if (teams.length > 0) return { kind: 'teams', teams: teams.sort((a, b) => a.teamId - b.teamId) };
  return { kind: 'none' };
}

/** The account's full name from the assertion's attributes, or the email when none carries one. */
export function ssoFullName(attributes: SamlAttributes, email: string): string {
  const byLower = new Map(Object.entries(attributes).map(([k, v]) => [k.toLowerCase(), v]));
  for (const name of SSO_NAME_ATTRIBUTES) {
    const value = byLower.get(name.toLowerCase())?.find((v) => v.trim() !== '');
    if (value) return value.trim();
  }
  return email;
}
