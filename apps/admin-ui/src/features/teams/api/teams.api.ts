import { teamRoutes } from '@fleet/contracts';
import type { RouteRequest, RouteResponse } from '@fleet/contracts';
import { callRoute } from '../../../api/http-client';

export type Team = RouteResponse<typeof teamRoutes.list>['teams'][number];
export type TeamMember = RouteResponse<typeof teamRoutes.users>['users'][number];
export type CreateTeamBody = RouteRequest<typeof teamRoutes.create>['body'];
export type ModifyTeamBody = RouteRequest<typeof teamRoutes.modify>['body'];
export type TeamRole = NonNullable<RouteRequest<typeof teamRoutes.addUsers>['body']['users'][number]['role']>;

export const teamsApi = {
  list: (signal?: AbortSignal) => callRoute(teamRoutes.list, { query: {} }, { signal }),
  get: async (id: number, signal?: AbortSignal) => (await callRoute(teamRoutes.get, { params: { id } }, { signal })).team,
  create: async (body: CreateTeamBody) => (await callRoute(teamRoutes.create, { body })).team,
  modify: async (id: number, body: ModifyTeamBody) => (await callRoute(teamRoutes.modify, { params: { id }, body })).team,
  delete: (id: number) => callRoute(teamRoutes.delete, { params: { id } }),
  agentOptions: async (id: number, options: Record<string, unknown>) => (await callRoute(teamRoutes.agentOptions, { params: { id }, body: options })).team,
  members: async (id: number, signal?: AbortSignal) => (await callRoute(teamRoutes.users, { params: { id }, query: { per_page: '500' } }, { signal })).users,
  /** Adds users to the team or changes their roles. */
  setMembers: (id: number, users: Array<{ id: number; role: TeamRole }>) => callRoute(teamRoutes.addUsers, { params: { id }, body: { users } }),
  removeMembers: (id: number, ids: number[]) => callRoute(teamRoutes.removeUsers, { params: { id }, body: { users: ids.map((u) => ({ id: u })) } }),
};

export type EnrollSecret = NonNullable<RouteResponse<typeof teamRoutes.secrets>['secrets']>[number];

/** Enroll secrets of the organisation (`teamId` null) or of a team, read and replaced whole (Fleet's API has no per-secret calls). */
export const enrollSecretsApi = {
  list: async (teamId: number | null, signal?: AbortSignal): Promise<EnrollSecret[]> => (teamId === null
    ? (await callRoute(teamRoutes.globalSecrets, {}, { signal })).spec.secrets
    : (await callRoute(teamRoutes.secrets, { params: { id: teamId } }, { signal })).secrets ?? []),
  replace: async (teamId: number | null, secrets: readonly string[]): Promise<void> => {
    const list = secrets.map((secret) => ({ secret }));
    if (teamId === null) await callRoute(teamRoutes.replaceGlobalSecrets, { body: { spec: { secrets: list } } });
    else await callRoute(teamRoutes.replaceSecrets, { params: { id: teamId }, body: { secrets: list } });
  },
};
