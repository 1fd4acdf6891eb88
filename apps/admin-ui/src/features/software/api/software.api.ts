import { softwareRoutes } from '@fleet/contracts';
import type { RouteRequest, RouteResponse } from '@fleet/contracts';
import { callRoute } from '../../../api/http-client';

export type SoftwareVersion = RouteResponse<typeof softwareRoutes.list>['software'][number];
export type SoftwareListParams = RouteRequest<typeof softwareRoutes.list>['query'];

export const softwareApi = {
  list: (query: SoftwareListParams, signal?: AbortSignal) => callRoute(softwareRoutes.list, { query }, { signal }),
  get: (id: number, signal?: AbortSignal) => callRoute(softwareRoutes.get, { params: { id }, query: {} }, { signal }),
};
