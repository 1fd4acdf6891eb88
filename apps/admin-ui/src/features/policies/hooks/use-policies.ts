import { useMutation, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { policiesApi } from '../api/policies.api';
import type { CreatePolicyBody, ModifyPolicyBody } from '../api/policies.api';

/**
 * Policies of the organisation (`teamId` null) or of a team with the inherited ones, with passing/failing host
 * counts. `live` refetches every 10 s while the page is open, so the counts move as hosts answer.
 */
export function usePolicies(teamId: number | null, live = false) {
  return useQuery({ queryKey: queryKeys.policies.list(teamId), queryFn: ({ signal }) => policiesApi.list(teamId, signal), refetchInterval: live ? 10_000 : false });
}

export function usePolicy(teamId: number | null, id: number | null) {
  return useQuery({
    queryKey: queryKeys.policies.detail(teamId, id ?? 0), queryFn: ({ signal }) => policiesApi.get(teamId, id ?? 0, signal), enabled: id !== null,
  });
}

// Policy counts show on the dashboard and host pages too.
const INVALIDATES = [queryKeys.policies.all, queryKeys.hosts.all, queryKeys.activities.all];

export function useCreatePolicy(teamId: number | null) {
  return useMutation({
    mutationFn: (body: CreatePolicyBody) => policiesApi.create(teamId, body),
    meta: { invalidates: INVALIDATES, success: 'Policy created', failure: false },
  });
}

export function useModifyPolicy(teamId: number | null, id: number) {
  return useMutation({
    mutationFn: (body: ModifyPolicyBody) => policiesApi.modify(teamId, id, body),
    meta: { invalidates: INVALIDATES, success: 'Policy saved', failure: false },
  });
}

export function useDeletePolicy(teamId: number | null) {
  return useMutation({
    mutationFn: (id: number) => policiesApi.delete(teamId, id),
    meta: {
      invalidates: INVALIDATES, success: 'Policy deleted', failure: 'Could not delete the policy',
      deletes: (id) => [queryKeys.policies.detail(teamId, id as number)],
    },
  });
}
