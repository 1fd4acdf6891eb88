import { useMutation, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { usersApi } from '../api/users.api';
import type { CreateInviteBody, CreateUserBody, ModifyUserBody } from '../api/users.api';

export function useUsers(enabled = true) {
  return useQuery({ queryKey: queryKeys.users.list, queryFn: ({ signal }) => usersApi.list(signal), enabled });
}

export function useInvites(enabled: boolean) {
  return useQuery({ queryKey: queryKeys.invites.list, queryFn: ({ signal }) => usersApi.invites(signal), enabled });
}

// User changes show in team member lists, the signed-in user's own roles and the activity feed.
const INVALIDATES = [queryKeys.users.all, queryKeys.teams.all, queryKeys.activities.all, queryKeys.me];

export function useCreateUser() {
  return useMutation({ mutationFn: (body: CreateUserBody) => usersApi.create(body), meta: { invalidates: INVALIDATES, success: 'User created', failure: false } });
}

export function useModifyUser(id: number) {
  return useMutation({ mutationFn: (body: ModifyUserBody) => usersApi.modify(id, body), meta: { invalidates: INVALIDATES, success: 'User saved', failure: false } });
}

export function useRequirePasswordReset() {
  return useMutation({
    mutationFn: ({ id, require }: { id: number; require: boolean }) => usersApi.requirePasswordReset(id, require),
    meta: {
      invalidates: INVALIDATES, failure: 'Could not change the password reset',
      success: (v) => ((v as { require: boolean }).require ? 'Password reset required at next login' : 'Password reset no longer required'),
    },
  });
}

export function useDeleteUser() {
  return useMutation({
    mutationFn: (id: number) => usersApi.delete(id),
    meta: { invalidates: INVALIDATES, success: 'User deleted', failure: 'Could not delete the user', deletes: (id) => [queryKeys.users.detail(id as number)] },
  });
}

export function useInvite() {
  return useMutation({
    mutationFn: (body: CreateInviteBody) => usersApi.invite(body),
    meta: { invalidates: [queryKeys.invites.all, queryKeys.activities.all], success: 'Invitation sent', failure: false },
  });
}

export function useDeleteInvite() {
  return useMutation({
    mutationFn: (id: number) => usersApi.deleteInvite(id),
    meta: { invalidates: [queryKeys.invites.all, queryKeys.activities.all], success: 'Invite withdrawn', failure: 'Could not withdraw the invite' },
  });
}
