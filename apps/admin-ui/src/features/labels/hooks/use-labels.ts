import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { labelsApi } from '../api/labels.api';

/** Every label (built-in first, as the server orders them), with host counts; cached a minute. */
export function useLabels() {
  return useQuery({ queryKey: queryKeys.labels.list, queryFn: ({ signal }) => labelsApi.list(signal), staleTime: 60_000, select: (r) => r.labels });
}
