/**
 * What an emailed single-use token lets its holder do: set a new password (`password_reset`), finish a login
 * after the password step (`mfa`, Fleet's email two-factor link) or confirm a new email address
 * (`email_change`). Only the token's SHA-256 is stored; using the token deletes it.
 */
export type AccountTokenKind = 'password_reset' | 'mfa' | 'email_change';

export interface AccountToken {
  readonly id: number;
  readonly kind: AccountTokenKind;
  readonly userId: number;
  /** The address an `email_change` token confirms; null for the other kinds. */
  readonly newEmail: string | null;
  readonly expiresAt: Date;
  readonly createdAt: Date;
}

/** Fleet's validities: a password-reset link for 24 hours, the two-factor login link for 15 minutes (fleet.MFALinkTTL). */
export const ACCOUNT_TOKEN_VALIDITY_MS: Readonly<Record<AccountTokenKind, number>> = {
  password_reset: 24 * 3600_000,
  mfa: 15 * 60_000,
  email_change: 24 * 3600_000,
};
