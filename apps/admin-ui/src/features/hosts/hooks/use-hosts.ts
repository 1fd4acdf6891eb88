import { keepPreviousData, queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { hostsApi } from '../api/hosts.api';
import type { HostCountParams, HostListParams } from '../api/hosts.api';

// Key and fetcher of the queries a page's first render needs, shared by the hooks and by app/route-prefetch.ts
// (which asks for them while the page's code still loads, so the hook finds the answer in the cache).
export const hostListQuery = (params: HostListParams) =>
  queryOptions({ queryKey: queryKeys.hosts.list(params), queryFn: ({ signal }) => hostsApi.list(params, signal) });
export const hostCountQuery = (params: HostCountParams) =>
  queryOptions({ queryKey: queryKeys.hosts.count(params), queryFn: ({ signal }) => hostsApi.count(params, signal) });
export const hostSummaryQuery = (teamId: number | null) =>
  queryOptions({ queryKey: queryKeys.hosts.summary(teamId), queryFn: ({ signal }) => hostsApi.summary(teamId, signal) });

/** One page of the host list; the previous page stays on screen while the next loads. */
export function useHostList(params: HostListParams) {
  return useQuery({ ...hostListQuery(params), placeholderData: keepPreviousData });
}

/** How many hosts match the filters (for the pager and the page's description). */
export function useHostCount(params: HostCountParams) {
  return useQuery({ ...hostCountQuery(params), placeholderData: keepPreviousData });
}

/**
 * One host with its labels, policies, software and users. While a refetch is pending (`refetch_requested`),
 * it is read again every 2 s, so the page shows the new details as soon as the host has sent them.
 */
export function useHost(id: number) {
  return useQuery({
    queryKey: queryKeys.hosts.detail(id),
    queryFn: ({ signal }) => hostsApi.get(id, signal),
    select: (r) => r.host,
    refetchInterval: (q) => (q.state.data?.host.refetch_requested ? 2000 : false),
  });
}

export function useHostSummary(teamId: number | null) {
  return useQuery(hostSummaryQuery(teamId));
}

export function useHostActivities(id: number, page: number) {
  return useQuery({ queryKey: queryKeys.hosts.activities(id, page), queryFn: ({ signal }) => hostsApi.activities(id, page, signal), placeholderData: keepPreviousData });
}

export function useHostQueryReport(id: number, queryId: number | null) {
  return useQuery({
    queryKey: queryKeys.hosts.queryReport(id, queryId ?? 0), queryFn: ({ signal }) => hostsApi.queryReport(id, queryId ?? 0, signal), enabled: queryId !== null,
  });
}

const plural = (n: number) => (n === 1 ? '1 host' : `${n} hosts`);

export function useRefetchHost() {
  return useMutation({
    mutationFn: (id: number) => hostsApi.refetch(id),
    meta: { invalidates: [queryKeys.hosts.all], success: 'Refetch requested: the host sends fresh details at its next check-in', failure: 'Could not request a refetch' },
  });
}

export function useDeleteHosts() {
  return useMutation({
    mutationFn: (ids: number[]) => (ids.length === 1 ? hostsApi.delete(ids[0] ?? 0) : hostsApi.deleteMany(ids)),
    meta: {
      invalidates: [queryKeys.hosts.all, queryKeys.osVersions.all, queryKeys.software.all, queryKeys.labels.all, queryKeys.policies.all, queryKeys.activities.all],
      success: (ids) => `Deleted ${plural((ids as number[]).length)}`, failure: 'Could not delete',
      deletes: (ids) => (ids as number[]).map((id) => queryKeys.hosts.detail(id)),
    },
  });
}

export function useTransferHosts() {
  return useMutation({
    mutationFn: ({ teamId, ids }: { teamId: number | null; ids: number[] }) => hostsApi.transfer(teamId, ids),
    meta: {
      invalidates: [queryKeys.hosts.all, queryKeys.teams.all, queryKeys.osVersions.all, queryKeys.activities.all],
      success: (v) => `Transferred ${plural((v as { ids: number[] }).ids.length)}`, failure: 'Could not transfer',
    },
  });
}
