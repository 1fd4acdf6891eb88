import type { RoleName } from '../authz/roles';

/** A user's role on one team, with the team's name for display. */
export interface UserTeamRole {
  readonly teamId: number;
  readonly teamName: string;
  readonly teamDescription: string;
  /** When the team was created (Fleet's user object shows it on each team). */
  readonly teamCreatedAt?: Date;
  readonly role: RoleName;
}

/** A user as stored; `passwordHash` never leaves the service layer (response mappers omit it). */
export interface User {
  readonly id: number;
  readonly name: string;
  readonly email: string;
  readonly passwordHash: string;
  readonly globalRole: RoleName | null;
  readonly apiOnly: boolean;
  readonly forcePasswordReset: boolean;
  readonly ssoEnabled: boolean;
  readonly mfaEnabled: boolean;
  readonly position: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly teams: readonly UserTeamRole[];
}

export interface NewUser {
  readonly name: string;
  readonly email: string;
  readonly passwordHash: string;
  readonly globalRole: RoleName | null;
  readonly teams: ReadonlyArray<{ readonly teamId: number; readonly role: RoleName }>;
  readonly apiOnly: boolean;
  readonly forcePasswordReset: boolean;
  readonly ssoEnabled: boolean;
  readonly mfaEnabled: boolean;
}

export type UserPatch = Partial<Pick<NewUser, 'name' | 'email' | 'passwordHash' | 'globalRole' | 'teams' | 'apiOnly' | 'forcePasswordReset' | 'ssoEnabled' | 'mfaEnabled'>> & { readonly position?: string };

/** A signed-in session; looked up by the SHA-256 of its bearer token, which is never stored. */
export interface Session {
  readonly id: number;
  readonly userId: number;
  readonly accessedAt: Date;
  readonly createdAt: Date;
}
