import { labelRoutes, liveQueryRoutes } from '@fleet/contracts';
import type { RouteRequest } from '@fleet/contracts';
import { callRoute } from '../../../api/http-client';

export const liveQueryApi = {
  /** Hosts by id (the host list's "Run live query" hands over ids), labels by id. */
  run: (body: RouteRequest<typeof liveQueryRoutes.run>['body']) => callRoute(liveQueryRoutes.run, { body }),
  /** Hosts by hostname, UUID or serial, labels by name. */
  runByIdentifiers: (body: RouteRequest<typeof liveQueryRoutes.runByIdentifiers>['body']) => callRoute(liveQueryRoutes.runByIdentifiers, { body }),
  stop: (id: number) => callRoute(liveQueryRoutes.stop, { params: { id } }),
  labels: (signal?: AbortSignal) => callRoute(labelRoutes.list, { query: {} }, { signal }),
};
