import { labelRoutes } from '@fleet/contracts';
import type { RouteResponse } from '@fleet/contracts';
import { callRoute } from '../../../api/http-client';

export type Label = RouteResponse<typeof labelRoutes.list>['labels'][number];

export const labelsApi = {
  list: (signal?: AbortSignal) => callRoute(labelRoutes.list, { query: {} }, { signal }),
};
