import { hostRoutes, liveQueryRoutes } from '@fleet/contracts';
import type { RouteRequest, RouteResponse } from '@fleet/contracts';
import { callRoute } from '../../../api/http-client';

export type TargetsAnswer = RouteResponse<typeof liveQueryRoutes.targets>;

export const liveQueryApi = {
  /** Hosts, labels and teams by id. */
  run: (body: RouteRequest<typeof liveQueryRoutes.run>['body']) => callRoute(liveQueryRoutes.run, { body }),
  stop: (id: number) => callRoute(liveQueryRoutes.stop, { params: { id } }),
  /** Hosts, labels and teams matching `query`, and the host counts of the selection. */
  targets: (body: RouteRequest<typeof liveQueryRoutes.targets>['body'], signal?: AbortSignal) => callRoute(liveQueryRoutes.targets, { body }, { signal }),
  /** A host's name, for hosts handed over by id (`?host_ids=`). */
  hostName: async (id: number, signal?: AbortSignal) => {
    const { host } = await callRoute(hostRoutes.get, { params: { id }, query: {} }, { signal });
    return host.display_name || host.hostname;
  },
};
