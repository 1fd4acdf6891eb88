import { teamRoutes } from '@fleet/contracts';
import type { RouteResponse } from '@fleet/contracts';
import { callRoute } from '../../../api/http-client';

export type Team = RouteResponse<typeof teamRoutes.list>['teams'][number];

export const teamsApi = {
  list: (signal?: AbortSignal) => callRoute(teamRoutes.list, { query: {} }, { signal }),
};
