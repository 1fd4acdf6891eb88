import { accountRoutes, inviteRoutes, sessionRoutes, ssoRoutes } from '@fleet/contracts';
import type { RouteRequest } from '@fleet/contracts';
import { callRoute } from '../../../api/http-client';

export type LoginForm = RouteRequest<typeof sessionRoutes.login>['body'];
export type ResetPasswordForm = RouteRequest<typeof accountRoutes.resetPassword>['body'];
export type AcceptInviteForm = RouteRequest<typeof accountRoutes.createUserFromInvite>['body'];
export type SetupForm = RouteRequest<typeof sessionRoutes.setup>['body'];

export const authApi = {
  login: (body: LoginForm) => callRoute(sessionRoutes.login, { body }),
  logout: () => callRoute(sessionRoutes.logout, {}),
  /** First-run setup: the first admin and the organisation; answers with that admin's session token. */
  setup: (body: SetupForm) => callRoute(sessionRoutes.setup, { body }),
  me: (signal?: AbortSignal) => callRoute(sessionRoutes.me, {}, { signal }),
  changePassword: (oldPassword: string, newPassword: string) =>
    callRoute(sessionRoutes.changePassword, { body: { old_password: oldPassword, new_password: newPassword } }),
  forgotPassword: (email: string) => callRoute(accountRoutes.forgotPassword, { body: { email } }),
  resetPassword: (body: ResetPasswordForm) => callRoute(accountRoutes.resetPassword, { body }),
  invite: (token: string, signal?: AbortSignal) => callRoute(inviteRoutes.verify, { params: { token } }, { signal }),
  acceptInvite: (body: AcceptInviteForm) => callRoute(accountRoutes.createUserFromInvite, { body }),
  mfaSession: (token: string) => callRoute(accountRoutes.mfaSession, { body: { token } }),
  /** Whether single sign-on is on, with the identity provider's name and image (no session needed). */
  ssoSettings: async (signal?: AbortSignal) => (await callRoute(ssoRoutes.settings, {}, { signal })).settings,
  /** The identity provider's URL to send the browser to; `relayUrl` is where it comes back after signing in. */
  initiateSso: async (relayUrl: string) => (await callRoute(ssoRoutes.initiate, { body: { relay_url: relayUrl } })).url,
  confirmEmailChange: (token: string, signal?: AbortSignal) => callRoute(accountRoutes.confirmEmailChange, { params: { token } }, { signal }),
};
