import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { queriesApi } from '../api/queries.api';
import type { CreateQueryBody, ModifyQueryBody, QueryListParams } from '../api/queries.api';

export function useSavedQueries(params: QueryListParams) {
  return useQuery({ queryKey: queryKeys.queries.list(params), queryFn: ({ signal }) => queriesApi.list(params, signal) });
}

export function useSavedQuery(id: number | null) {
  return useQuery({ queryKey: queryKeys.queries.detail(id ?? 0), queryFn: ({ signal }) => queriesApi.get(id ?? 0, signal), enabled: id !== null });
}

export function useQueryReport(id: number, page: number, perPage: number) {
  return useQuery({
    queryKey: queryKeys.queries.report(id, page, perPage), placeholderData: keepPreviousData,
    queryFn: ({ signal }) => queriesApi.report(id, page, perPage, signal),
  });
}

export function useCreateQuery() {
  return useMutation({
    mutationFn: (body: CreateQueryBody) => queriesApi.create(body),
    meta: { invalidates: [queryKeys.queries.all], success: 'Query saved', failure: false },
  });
}

export function useModifyQuery(id: number) {
  return useMutation({
    mutationFn: (body: ModifyQueryBody) => queriesApi.modify(id, body),
    meta: { invalidates: [queryKeys.queries.all, queryKeys.hosts.all], success: 'Query saved', failure: false },
  });
}

export function useDeleteQuery() {
  return useMutation({
    mutationFn: (id: number) => queriesApi.delete(id),
    meta: {
      invalidates: [queryKeys.queries.all, queryKeys.hosts.all], success: 'Query deleted', failure: 'Could not delete the query',
      deletes: (id) => [queryKeys.queries.detail(id as number), queryKeys.queries.reportAll(id as number)],
    },
  });
}
