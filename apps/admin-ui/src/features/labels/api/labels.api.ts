import { labelRoutes } from '@fleet/contracts';
import type { RouteRequest, RouteResponse } from '@fleet/contracts';
import { callRoute } from '../../../api/http-client';

export type Label = RouteResponse<typeof labelRoutes.list>['labels'][number];
export type LabelHost = RouteResponse<typeof labelRoutes.hosts>['hosts'][number];
export type CreateLabelBody = RouteRequest<typeof labelRoutes.create>['body'];
export type ModifyLabelBody = RouteRequest<typeof labelRoutes.modify>['body'];

export const labelsApi = {
  list: (signal?: AbortSignal) => callRoute(labelRoutes.list, { query: {} }, { signal }),
  get: async (id: number, signal?: AbortSignal) => (await callRoute(labelRoutes.get, { params: { id } }, { signal })).label,
  /** The label's hosts the caller may see (up to 500, by name). */
  hosts: async (id: number, signal?: AbortSignal) =>
    (await callRoute(labelRoutes.hosts, { params: { id }, query: { per_page: '500', order_key: 'hostname' } }, { signal })).hosts,
  create: async (body: CreateLabelBody) => (await callRoute(labelRoutes.create, { body })).label,
  modify: async (id: number, body: ModifyLabelBody) => (await callRoute(labelRoutes.modify, { params: { id }, body })).label,
  delete: (id: number) => callRoute(labelRoutes.deleteById, { params: { id } }),
};
