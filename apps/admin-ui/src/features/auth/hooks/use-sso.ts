import { useMutation, useQuery } from '@tanstack/react-query';
import { authApi } from '../api/auth.api';

/** Whether the login page offers single sign-on, and with which identity provider (read without a session). */
export function useSsoSettings() {
  return useQuery({ queryKey: ['sso', 'settings'] as const, queryFn: ({ signal }) => authApi.ssoSettings(signal), staleTime: 60_000, retry: false });
}

/**
 * Starts a sign-on: the server answers the identity provider's URL (and sets the cookie its callback needs);
 * the browser leaves for it and comes back through /api/v1/fleet/sso/callback to `next`.
 */
export function useStartSso(next: string) {
  return useMutation({
    mutationFn: async () => {
      const url = await authApi.initiateSso(next.startsWith('/') && !next.startsWith('//') ? next : '/dashboard');
      window.location.assign(url);
    },
    meta: { failure: false },
  });
}

/** Fleet's `/login?status=` reasons for a refused sign-on, as the login page words them. */
export const SSO_FAILURES: Readonly<Record<string, string>> = {
  org_disabled: 'Single sign-on is turned off for this Fleet. Log in with your email and password.',
  account_disabled: 'Your account cannot sign in with single sign-on. Log in with your email and password, or ask an administrator.',
  account_invalid: 'There is no Fleet account for the identity you signed in with. Ask an administrator for an invitation.',
  error: 'Single sign-on failed. Try again, or ask an administrator to check the SSO settings.',
};
