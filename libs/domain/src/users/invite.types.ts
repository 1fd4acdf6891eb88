import type { RoleName } from '../authz/roles';

/** A role an invite grants on one team, with the team's name for display. */
export interface InviteTeamRole {
  readonly teamId: number;
  readonly teamName: string;
  readonly teamDescription: string;
  readonly role: RoleName;
}

/**
 * An invitation to create an account. The emailed token is never stored, only its SHA-256; an invite grants
 * either one global role or per-team roles, and is deleted when it is used.
 */
export interface Invite {
  readonly id: number;
  /** The user who invited; null once that user was deleted. */
  readonly invitedBy: number | null;
  readonly email: string;
  readonly name: string;
  readonly position: string;
  readonly ssoEnabled: boolean;
  readonly mfaEnabled: boolean;
  readonly globalRole: RoleName | null;
  readonly teams: readonly InviteTeamRole[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface NewInvite {
  readonly invitedBy: number;
  readonly email: string;
  readonly name: string;
  readonly position: string;
  readonly ssoEnabled: boolean;
  readonly mfaEnabled: boolean;
  readonly globalRole: RoleName | null;
  readonly teams: ReadonlyArray<{ readonly teamId: number; readonly role: RoleName }>;
  readonly tokenHash: string;
}

export type InvitePatch = Partial<Pick<NewInvite, 'email' | 'name' | 'position' | 'ssoEnabled' | 'mfaEnabled' | 'globalRole' | 'teams'>>;

/** When an invite stops being usable: `validityMs` (app.invite_token_validity_period) after it was created. */
export function inviteExpired(invite: Pick<Invite, 'createdAt'>, now: Date, validityMs: number): boolean {
  return now.getTime() >= invite.createdAt.getTime() + validityMs;
}
