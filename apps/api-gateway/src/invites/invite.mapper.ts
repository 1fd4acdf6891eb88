import type { InviteDto } from '@fleet/contracts';
import type { Invite } from '@fleet/domain';
import { rfc3339 } from '../core/time.mapper';

/** Fleet's invite object, field by field: the token (and its hash) never leave the server this way. */
export const toInviteDto = (i: Invite): InviteDto => ({
  created_at: rfc3339(i.createdAt), updated_at: rfc3339(i.updatedAt), id: i.id, invited_by: i.invitedBy, email: i.email, name: i.name,
  position: i.position, sso_enabled: i.ssoEnabled, mfa_enabled: i.mfaEnabled, global_role: i.globalRole,
  teams: i.teams.map((t) => ({ id: t.teamId, name: t.teamName, description: t.teamDescription, role: t.role })),
});
