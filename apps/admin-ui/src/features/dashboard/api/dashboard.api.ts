import { hostStatsRoutes } from '@fleet/contracts';
import type { RouteRequest, RouteResponse } from '@fleet/contracts';
import { callRoute } from '../../../api/http-client';

export type OnlineHistory = RouteResponse<typeof hostStatsRoutes.onlineHistory>;
export type OsVersionsParams = RouteRequest<typeof hostStatsRoutes.osVersions>['query'];
export type OsVersion = RouteResponse<typeof hostStatsRoutes.osVersions>['os_versions'][number];

export const dashboardApi = {
  onlineHistory: (query: RouteRequest<typeof hostStatsRoutes.onlineHistory>['query'], signal?: AbortSignal) =>
    callRoute(hostStatsRoutes.onlineHistory, { query }, { signal }),
  osVersions: (query: OsVersionsParams, signal?: AbortSignal) => callRoute(hostStatsRoutes.osVersions, { query }, { signal }),
};
