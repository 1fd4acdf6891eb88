import { policyRoutes } from '@fleet/contracts';
import type { RouteRequest, RouteResponse } from '@fleet/contracts';
import { callRoute } from '../../../api/http-client';

export type Policy = RouteResponse<typeof policyRoutes.list>['policies'][number];
export type CreatePolicyBody = RouteRequest<typeof policyRoutes.create>['body'];
export type ModifyPolicyBody = RouteRequest<typeof policyRoutes.modify>['body'];

/** Global policies (`teamId` null) or a team's own ones; the routes differ, the objects do not. */
export const policiesApi = {
  /** The global policies, or a team's own plus the inherited global ones. */
  list: async (teamId: number | null, signal?: AbortSignal): Promise<Policy[]> => {
    if (teamId === null) return (await callRoute(policyRoutes.list, { query: {} }, { signal })).policies;
    const res = await callRoute(policyRoutes.listTeam, { params: { id: teamId }, query: {} }, { signal });
    return [...res.policies, ...res.inherited_policies];
  },
  get: async (teamId: number | null, id: number, signal?: AbortSignal): Promise<Policy> => (teamId === null
    ? await callRoute(policyRoutes.get, { params: { id } }, { signal })
    : await callRoute(policyRoutes.getTeam, { params: { id: teamId, policy_id: id } }, { signal })).policy,
  create: async (teamId: number | null, body: CreatePolicyBody): Promise<Policy> => (teamId === null
    ? await callRoute(policyRoutes.create, { body })
    : await callRoute(policyRoutes.createTeam, { params: { id: teamId }, body })).policy,
  modify: async (teamId: number | null, id: number, body: ModifyPolicyBody): Promise<Policy> => (teamId === null
    ? await callRoute(policyRoutes.modify, { params: { id }, body })
    : await callRoute(policyRoutes.modifyTeam, { params: { id: teamId, policy_id: id }, body })).policy,
  delete: async (teamId: number | null, id: number): Promise<void> => {
    if (teamId === null) await callRoute(policyRoutes.delete, { body: { ids: [id] } });
    else await callRoute(policyRoutes.deleteTeam, { params: { id: teamId }, body: { ids: [id] } });
  },
};
