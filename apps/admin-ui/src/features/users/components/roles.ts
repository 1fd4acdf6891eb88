import type { RoleName } from '../api/users.api';

/** Fleet's roles as its UI names them, most powerful first. */
export const ROLES: ReadonlyArray<{ value: RoleName; label: string }> = [
  { value: 'admin', label: 'Admin' }, { value: 'maintainer', label: 'Maintainer' }, { value: 'observer_plus', label: 'Observer+' },
  { value: 'observer', label: 'Observer' }, { value: 'gitops', label: 'GitOps' },
];
export const roleLabel = (role: string | null | undefined): string => ROLES.find((r) => r.value === role)?.label ?? (role ? role : 'None');
