import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { policiesApi } from '../api/policies.api';

/** Policies of the organisation (`teamId` null) or of a team with the inherited ones, with passing/failing host counts. */
export function usePolicies(teamId: number | null) {
  return useQuery({ queryKey: queryKeys.policies.list(teamId), queryFn: ({ signal }) => policiesApi.list(teamId, signal) });
}
