import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { queryKeys } from '../../../api/query-keys';
import { session } from '../../../api/session';
import { authApi } from '../api/auth.api';
import type { LoginForm } from '../api/auth.api';

/** The signed-in user and the teams they may act on (cached for the session). */
export function useMe() {
  return useQuery({ queryKey: queryKeys.me, queryFn: ({ signal }) => authApi.me(signal), staleTime: 5 * 60_000 });
}

/** Whether the signed-in user can change things globally (admin or maintainer), as the UI shows or hides actions. */
export function useCanWrite(): boolean {
  const me = useMe().data;
  if (!me) return false;
  const role = me.user.global_role;
  if (role === 'admin' || role === 'maintainer') return true;
  return me.user.teams.some((t) => t.role === 'admin' || t.role === 'maintainer');
}

/** Keeps a new session's token, forgets what another session cached and goes to `next` (a path of this UI) or the dashboard. */
export function useStartSession() {
  const navigate = useNavigate();
  const client = useQueryClient();
  return async (token: string, next = '/dashboard') => {
    session.save(token);
    client.clear();
    await navigate(next.startsWith('/') && !next.startsWith('//') ? next : '/dashboard', { replace: true });
  };
}

/**
 * Logs in, keeps the token and goes to `next` (the page that sent the user here) or the dashboard. A user with
 * email two-factor login gets a 202 with a message instead of a session (the mailed link finishes the login at
 * /login/mfa/<token>); the mutation then resolves to that message and stays on the page.
 */
export function useLogin(next: string) {
  const start = useStartSession();
  return useMutation({
    mutationFn: async (form: LoginForm): Promise<{ mailSent: string | null }> => {
      const res: Partial<Awaited<ReturnType<typeof authApi.login>>> & { message?: string } = await authApi.login({ ...form, supports_email_verification: true });
      if (!res.token) return { mailSent: res.message ?? 'We sent an email to you. Please click the link in the email to sign in.' };
      await start(res.token, next);
      return { mailSent: null };
    },
    meta: { failure: false },
  });
}

/** Finishes an email two-factor login with the mailed link's token, then goes to the dashboard. */
export function useMfaLogin() {
  const start = useStartSession();
  return useMutation({
    mutationFn: async (token: string) => start((await authApi.mfaSession(token)).token),
    meta: { failure: false },
  });
}

/** Ends the session on the server (best effort), forgets the token and every cached answer. */
export function useLogout() {
  const navigate = useNavigate();
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => authApi.logout().catch(() => ({})),
    onSettled: async () => {
      session.clear();
      client.clear();
      await navigate('/login');
    },
  });
}
