import { queryRoutes } from '@fleet/contracts';
import type { RouteRequest, RouteResponse } from '@fleet/contracts';
import { callRoute } from '../../../api/http-client';

export type SavedQuery = RouteResponse<typeof queryRoutes.get>['query'];
export type QueryListParams = RouteRequest<typeof queryRoutes.list>['query'];
export type CreateQueryBody = RouteRequest<typeof queryRoutes.create>['body'];
export type ModifyQueryBody = RouteRequest<typeof queryRoutes.modify>['body'];

export const queriesApi = {
  list: (query: QueryListParams, signal?: AbortSignal) => callRoute(queryRoutes.list, { query }, { signal }),
  get: (id: number, signal?: AbortSignal) => callRoute(queryRoutes.get, { params: { id } }, { signal }),
  create: (body: CreateQueryBody) => callRoute(queryRoutes.create, { body }),
  modify: (id: number, body: ModifyQueryBody) => callRoute(queryRoutes.modify, { params: { id }, body }),
  delete: (id: number) => callRoute(queryRoutes.deleteById, { params: { id } }),
  report: (id: number, signal?: AbortSignal) => callRoute(queryRoutes.report, { params: { id }, query: {} }, { signal }),
};
