/** Fleet's role names; a user holds either one global role or a list of (team, role) pairs. */
export const ROLE_NAMES = ['admin', 'maintainer', 'observer', 'observer_plus', 'gitops'] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

export function isRoleName(value: unknown): value is RoleName {
  return typeof value === 'string' && (ROLE_NAMES as readonly string[]).includes(value);
}

/** Fleet shows roles capitalised in activity details ("Observer", "Observer+"). */
export function roleDisplayName(role: RoleName): string {
  switch (role) {
    case 'admin': return 'Admin';
    case 'maintainer': return 'Maintainer';
    case 'observer': return 'Observer';
    case 'observer_plus': return 'Observer+';
    case 'gitops': return 'GitOps';
  }
}
