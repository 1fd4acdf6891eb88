import { createHash } from 'node:crypto';
import type { UserDto } from '@fleet/contracts';
import { rfc3339 } from '../core/time.mapper';
import type { RoleName, User } from '@fleet/domain';
import { isRoleName } from '@fleet/domain';

/** The public user object. Built field by field so the password hash can never leak. */
export function toUserDto(u: User): UserDto {
  const globalRole: RoleName | null = isRoleName(u.globalRole) ? u.globalRole : null;
  return {
    created_at: rfc3339(u.createdAt), updated_at: rfc3339(u.updatedAt), id: u.id, name: u.name, email: u.email,
    enabled: true, force_password_reset: u.forcePasswordReset,
    gravatar_url: `https://www.gravatar.com/avatar/${createHash('md5').update(u.email.trim().toLowerCase()).digest('hex')}?d=blank`,
    sso_enabled: u.ssoEnabled, mfa_enabled: u.mfaEnabled, global_role: globalRole, api_only: u.apiOnly, position: u.position,
    teams: u.teams.map((t) => ({ id: t.teamId, created_at: rfc3339(t.teamCreatedAt), name: t.teamName, description: t.teamDescription, role: t.role })),
  };
}
