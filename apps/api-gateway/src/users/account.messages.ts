/** Fleet's message for a user or invite with both SSO and email two-factor (server/service/invites.go, its typo included). */
export const SSO_MFA_CONFLICT = 'Fleet MFA is is not applicable to SSO users';
