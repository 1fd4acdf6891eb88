import { z } from 'zod';
import {
  emailChangeResponseSchema, forgotPasswordRequestSchema, initiateSsoRequestSchema, initiateSsoResponseSchema, mfaSessionRequestSchema,
  resetPasswordRequestSchema, ssoCallbackRequestSchema, ssoSettingsResponseSchema, testEmailRequestSchema,
} from '../account.schema';
import { createInviteRequestSchema, createUserFromInviteRequestSchema, inviteResponseSchema, invitesResponseSchema, modifyInviteRequestSchema } from '../invite.schema';
import { listQuerySchema } from '../list-query.schema';
import { loginResponseSchema } from '../session.schema';
import { userResponseSchema } from '../user.schema';
import { adminRoute } from './admin-route';
import { idParams } from './route-params.schema';

const tokenParams = z.object({ token: z.string() });

/** Invites (rest-api.md "Users": create, list, modify, delete and verify invite); managed by global admins. */
export const inviteRoutes = {
  list: adminRoute({
    method: 'GET', path: '/invites', query: listQuerySchema, response: invitesResponseSchema,
    permission: { action: 'user:write', on: 'global' }, summary: 'Pending invites',
    description: '`query` matches name and email; `order_key` is one of id, name, email, created_at, updated_at.',
    example: () => ({}),
  }),
  create: adminRoute({
    method: 'POST', path: '/invites', body: createInviteRequestSchema, response: inviteResponseSchema,
    permission: { action: 'user:write', on: 'global' }, summary: 'Invite someone by email',
    description: 'Grants `global_role` or `teams` (not both). The invitation mail (a link to /login/invites/<token>, or /login/ssoinvites/<token> '
      + 'when `sso_enabled`) is queued durably and retried until the mail server takes it; the link works for app.invite_token_validity_period.',
    example: (f) => ({ body: { email: `${f.unique('invitee')}@example.com`, name: 'Invitee', sso_enabled: false, global_role: 'observer' } }),
  }),
  modify: adminRoute({
    method: 'PATCH', path: '/invites/:id', params: idParams, body: modifyInviteRequestSchema, response: inviteResponseSchema,
    permission: { action: 'user:write', on: 'global' }, summary: 'Change a pending invite', description: 'A new email does not resend the invitation.',
    example: async (f) => ({ params: { id: (await f.invite()).id }, body: { name: 'Renamed' } }),
  }),
  delete: adminRoute({
    method: 'DELETE', path: '/invites/:id', params: idParams, response: 'empty',
    permission: { action: 'user:write', on: 'global' }, summary: 'Withdraw an invite',
    example: async (f) => ({ params: { id: (await f.invite()).id } }),
  }),
  verify: adminRoute({
    method: 'GET', path: '/invites/:token', params: tokenParams, response: inviteResponseSchema,
    permission: 'public', summary: 'The invite an emailed token belongs to',
    description: '404 for an unknown or used token; 422 `invite_token` "Invite token has expired." past app.invite_token_validity_period.',
    example: () => ({ params: { token: 'not-a-token' } }),
  }),
};

/** Accounts without a session: accepting an invite, password recovery, the two-factor login's second step; and email changes. */
export const accountRoutes = {
  createUserFromInvite: adminRoute({
    method: 'POST', path: '/users', body: createUserFromInviteRequestSchema, response: userResponseSchema,
    permission: 'public', summary: 'Create the account of an invite',
    description: 'The invite (found by `invite_token`, for this `email`) gives the roles, SSO and MFA flags; it works once. A password is required unless the invite is for SSO.',
    example: () => ({ body: { email: 'invitee@example.com', invite_token: 'not-a-token', name: 'Invitee', password: 'password1234!', password_confirmation: 'password1234!' } }),
  }),
  forgotPassword: adminRoute({
    method: 'POST', path: '/forgot_password', body: forgotPasswordRequestSchema, response: 'empty', status: 202,
    permission: 'public', summary: 'Mail a password-reset link',
    description: 'Answers the same whether or not the address belongs to an account (none is mailed for SSO users); 500 "email not configured" when SMTP is off. '
      + 'The link (/login/reset?token=…) works once, for 24 hours.',
    example: () => ({ body: { email: 'someone@example.com' } }),
  }),
  resetPassword: adminRoute({
    method: 'POST', path: '/reset_password', body: resetPasswordRequestSchema, response: 'empty',
    permission: 'public', summary: 'Set a new password with a reset token',
    description: "Fleet's password rules apply; the token works once and every session of the user ends. An unknown, used or expired token is 401.",
    example: () => ({ body: { password_reset_token: 'not-a-token', new_password: 'password1234!', new_password_confirmation: 'password1234!' } }),
  }),
  mfaSession: adminRoute({
    method: 'POST', path: '/sessions', body: mfaSessionRequestSchema, response: loginResponseSchema,
    permission: 'public', summary: 'Finish an email two-factor login',
    description: 'The token of the mailed link (/login/mfa/<token>), valid 15 minutes and once; answers as `POST /login` does.',
    example: () => ({ body: { token: 'not-a-token' } }),
  }),
  confirmEmailChange: adminRoute({
    method: 'GET', path: '/email/change/:token', params: tokenParams, response: emailChangeResponseSchema,
    permission: 'authenticated', summary: 'Confirm a new email address of the signed-in user',
    description: 'The token of the confirmation mail sent to the new address when the user changed it (PATCH /users/{id}); works once, for 24 hours.',
    example: () => ({ params: { token: 'not-a-token' } }),
  }),
};

/** SAML single sign-on (rest-api.md "SSO config", "Initiate SSO", "SSO callback"). */
export const ssoRoutes = {
  settings: adminRoute({
    method: 'GET', path: '/sso', response: ssoSettingsResponseSchema,
    permission: 'public', summary: 'Single sign-on for the login page', example: () => ({}),
  }),
  initiate: adminRoute({
    method: 'POST', path: '/sso', body: initiateSsoRequestSchema, response: initiateSsoResponseSchema,
    permission: 'public', summary: 'Start a single sign-on',
    description: 'Answers the identity provider URL to send the browser to, and sets the `__Host-FLEETSSOSESSIONID` cookie the callback needs. '
      + '`relay_url` is the path of this server to land on after sign-in.',
    example: () => ({ body: { relay_url: '/dashboard' } }),
  }),
  callback: adminRoute({
    method: 'POST', path: '/sso/callback', body: ssoCallbackRequestSchema, response: 'html',
    permission: 'public', summary: "The identity provider's assertion (SAML POST binding)",
    description: 'Form-encoded as browsers post it. A valid, signed, unexpired, unreplayed assertion for this server signs the user in (JIT-provisioned when '
      + 'enabled) and answers a page that keeps the session token and goes to the relay URL; any failure lands on /login?status=<reason>.',
    example: () => ({ body: { SAMLResponse: 'PHNhbWxwOlJlc3BvbnNlLz4=' } }),
  }),
};

/** Mail settings (smtp_settings in the app config). */
export const mailRoutes = {
  test: adminRoute({
    method: 'POST', path: '/email/test', body: testEmailRequestSchema, response: 'empty', readOnly: true,
    permission: { action: 'config:write', on: 'global' }, summary: 'Send a test mail to yourself',
    description: 'With the stored smtp_settings, or the given ones over them, at once (not queued). A failure is 422 `SMTP Options` with the reason. '
      + 'PATCH /config sends the same test mail when it turns SMTP on or changes its settings, as Fleet does.',
    example: () => ({ body: {} }),
  }),
};
