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

/** Logs in, keeps the token and goes to `next` (the page that sent the user here) or the dashboard. */
export function useLogin(next: string) {
  const navigate = useNavigate();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (form: LoginForm) => authApi.login(form),
    meta: { failure: false },
    onSuccess: async (res) => {
      session.save(res.token);
      client.clear();
      await navigate(next.startsWith('/') && !next.startsWith('//') ? next : '/dashboard', { replace: true });
    },
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
