import { policyRoutes } from '@fleet/contracts';
import type { RouteResponse } from '@fleet/contracts';
import { callRoute } from '../../../api/http-client';

export type Policy = RouteResponse<typeof policyRoutes.list>['policies'][number];

export const policiesApi = {
  /** The global policies, or a team's own plus the inherited global ones. */
  list: async (teamId: number | null, signal?: AbortSignal): Promise<Policy[]> => {
    if (teamId === null) return (await callRoute(policyRoutes.list, { query: {} }, { signal })).policies;
    const res = await callRoute(policyRoutes.listTeam, { params: { id: teamId }, query: {} }, { signal });
    return [...res.policies, ...res.inherited_policies];
  },
};
