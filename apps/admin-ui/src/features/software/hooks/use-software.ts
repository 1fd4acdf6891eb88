import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { softwareApi } from '../api/software.api';
import type { SoftwareListParams } from '../api/software.api';

/** Software versions with host counts, most installed first unless ordered otherwise. */
export function useSoftware(params: SoftwareListParams, enabled = true) {
  return useQuery({ queryKey: queryKeys.software.list(params), queryFn: ({ signal }) => softwareApi.list(params, signal), placeholderData: keepPreviousData, enabled });
}
