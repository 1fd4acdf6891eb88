import { queryRoutes } from '@fleet/contracts';
import type { RouteRequest, RouteResponse } from '@fleet/contracts';
import { callRoute } from '../../../api/http-client';

export type SavedQuery = RouteResponse<typeof queryRoutes.get>['query'];
export type QueryListParams = RouteRequest<typeof queryRoutes.list>['query'];
export type CreateQueryBody = RouteRequest<typeof queryRoutes.create>['body'];
export type QueryReport = RouteResponse<typeof queryRoutes.report>;
export type ModifyQueryBody = RouteRequest<typeof queryRoutes.modify>['body'];

export const queriesApi = {
  list: (query: QueryListParams, signal?: AbortSignal) => callRoute(queryRoutes.list, { query }, { signal }),
  get: (id: number, signal?: AbortSignal) => callRoute(queryRoutes.get, { params: { id } }, { signal }),
  create: (body: CreateQueryBody) => callRoute(queryRoutes.create, { body }),
  modify: (id: number, body: ModifyQueryBody) => callRoute(queryRoutes.modify, { params: { id }, body }),
  delete: (id: number) => callRoute(queryRoutes.deleteById, { params: { id } }),
  /** One page of the stored report, newest first (`meta` says whether more pages exist). */
  report: (id: number, page: number, perPage: number, signal?: AbortSignal) =>
    callRoute(queryRoutes.report, { params: { id }, query: { page: String(page), per_page: String(perPage) } }, { signal }),
  /** Every stored row (up to server_settings.query_report_cap), for the CSV export. */
  wholeReport: (id: number) => callRoute(queryRoutes.report, { params: { id }, query: {} }),
};
