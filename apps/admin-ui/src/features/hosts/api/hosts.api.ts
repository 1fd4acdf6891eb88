import { activityRoutes, hostRoutes, hostStatsRoutes } from '@fleet/contracts';
import type { RouteRequest, RouteResponse } from '@fleet/contracts';
import { callRoute, downloadRoute } from '../../../api/http-client';

export type Host = RouteResponse<typeof hostRoutes.list>['hosts'][number];
export type HostDetail = RouteResponse<typeof hostRoutes.get>['host'];
export type HostListParams = RouteRequest<typeof hostRoutes.list>['query'];
export type HostCountParams = RouteRequest<typeof hostRoutes.count>['query'];
export type HostReportParams = RouteRequest<typeof hostRoutes.report>['query'];
export type HostSummary = RouteResponse<typeof hostRoutes.summary>;

export const hostsApi = {
  list: (query: HostListParams, signal?: AbortSignal) => callRoute(hostRoutes.list, { query }, { signal }),
  count: (query: HostCountParams, signal?: AbortSignal) => callRoute(hostRoutes.count, { query }, { signal }),
  get: (id: number, signal?: AbortSignal) => callRoute(hostRoutes.get, { params: { id }, query: {} }, { signal }),
  summary: (teamId: number | null, signal?: AbortSignal) =>
    callRoute(hostRoutes.summary, { query: teamId === null ? {} : { team_id: String(teamId) } }, { signal }),
  onlineHistory: (query: RouteRequest<typeof hostStatsRoutes.onlineHistory>['query'], signal?: AbortSignal) =>
    callRoute(hostStatsRoutes.onlineHistory, { query }, { signal }),
  activities: (id: number, page: number, signal?: AbortSignal) =>
    callRoute(activityRoutes.host, { params: { id }, query: { page: String(page), per_page: '20' } }, { signal }),
  queryReport: (id: number, queryId: number, signal?: AbortSignal) => callRoute(hostRoutes.queryReport, { params: { id, query_id: queryId } }, { signal }),
  refetch: (id: number) => callRoute(hostRoutes.refetch, { params: { id } }),
  delete: (id: number) => callRoute(hostRoutes.delete, { params: { id } }),
  deleteMany: (ids: number[]) => callRoute(hostRoutes.deleteMany, { body: { ids } }),
  transfer: (teamId: number | null, ids: number[]) => callRoute(hostRoutes.transfer, { body: { team_id: teamId, hosts: ids } }),
  /** The filtered list as a CSV file, streamed by the server; resolves to the size downloaded. */
  exportCsv: (query: HostReportParams, filename: string) => downloadRoute(hostRoutes.report, { query }, filename),
};
