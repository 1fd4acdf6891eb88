import { activityRoutes } from '@fleet/contracts';
import type { RouteRequest, RouteResponse } from '@fleet/contracts';
import { callRoute } from '../../../api/http-client';

export type Activity = RouteResponse<typeof activityRoutes.list>['activities'][number];
export type ActivityListParams = RouteRequest<typeof activityRoutes.list>['query'];

export const activitiesApi = {
  list: (query: ActivityListParams, signal?: AbortSignal) => callRoute(activityRoutes.list, { query }, { signal }),
};
