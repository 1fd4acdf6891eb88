import { useMutation, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { addHostsApi, newEnrollSecret } from '../api/add-hosts.api';

export function useEnrollSecrets(teamId: number | null, enabled: boolean) {
  return useQuery({ queryKey: queryKeys.config.enrollSecrets(teamId), queryFn: ({ signal }) => addHostsApi.secrets(teamId, signal), enabled, retry: false });
}

/** Rotates the enroll secret of the organisation or a team: a new random secret replaces the current ones. */
export function useRotateEnrollSecret(teamId: number | null) {
  return useMutation({
    mutationFn: () => addHostsApi.replaceSecrets(teamId, newEnrollSecret()),
    meta: { invalidates: [queryKeys.config.enrollSecrets(teamId), queryKeys.activities.all], success: 'Enroll secret rotated', failure: 'Could not rotate the enroll secret' },
  });
}
