import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { activitiesApi } from '../api/activities.api';

/** One page of the audit log, newest first. */
export function useActivities(page: number, perPage: number) {
  const query = { page: String(page), per_page: String(perPage), order_key: 'id', order_direction: 'desc' };
  return useQuery({ queryKey: queryKeys.activities.list(query), queryFn: ({ signal }) => activitiesApi.list(query, signal), placeholderData: keepPreviousData });
}
