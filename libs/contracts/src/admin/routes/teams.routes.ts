import { listQuerySchema } from '../list-query.schema';
import {
  agentOptionsRequestSchema, createTeamRequestSchema, enrollSecretSpecRequestSchema, enrollSecretSpecResponseSchema, modifyTeamRequestSchema,
  secretsResponseSchema, teamResponseSchema, teamSecretsRequestSchema, teamsResponseSchema, teamUsersRequestSchema,
} from '../team.schema';
import { usersResponseSchema } from '../user.schema';
import { adminRoute } from './admin-route';
import { idParams } from './route-params.schema';

/** Teams, their members, agent options and enroll secrets (fleet-admin-api.md §1.9, §1.10). */
export const teamRoutes = {
  list: adminRoute({
    method: 'GET', path: '/teams', query: listQuerySchema, response: teamsResponseSchema,
    permission: { action: 'team:read', on: 'any' }, summary: 'List teams',
    example: () => ({}),
  }),
  create: adminRoute({
    method: 'POST', path: '/teams', body: createTeamRequestSchema, response: teamResponseSchema,
    permission: { action: 'team:create', on: 'global' }, summary: 'Create a team',
    example: (f) => ({ body: { name: f.unique('team') } }),
  }),
  get: adminRoute({
    method: 'GET', path: '/teams/:id', params: idParams, response: teamResponseSchema,
    permission: { action: 'team:read', on: 'team' }, summary: 'A team',
    example: (f) => ({ params: { id: f.teamA } }),
  }),
  modify: adminRoute({
    method: 'PATCH', path: '/teams/:id', params: idParams, body: modifyTeamRequestSchema, response: teamResponseSchema,
    permission: { action: 'team:write', on: 'team' }, summary: 'Modify a team',
    example: (f) => ({ params: { id: f.teamA }, body: { description: 'd' } }),
  }),
  delete: adminRoute({
    method: 'DELETE', path: '/teams/:id', params: idParams, response: 'empty',
    permission: { action: 'team:create', on: 'global' }, summary: 'Delete a team',
    example: async (f) => ({ params: { id: (await f.team()).id } }),
  }),
  agentOptions: adminRoute({
    method: 'POST', path: '/teams/:id/agent_options', params: idParams, body: agentOptionsRequestSchema, response: teamResponseSchema,
    permission: { action: 'team:write', on: 'team' }, summary: "Replace a team's agent options",
    example: (f) => ({ params: { id: f.teamA }, body: { config: { options: { distributed_interval: 10 } }, overrides: {}, command_line_flags: {} } }),
  }),
  users: adminRoute({
    method: 'GET', path: '/teams/:id/users', params: idParams, query: listQuerySchema, response: usersResponseSchema,
    permission: { action: 'user:read', on: 'team' }, summary: "A team's users",
    example: (f) => ({ params: { id: f.teamA } }),
  }),
  addUsers: adminRoute({
    method: 'PATCH', path: '/teams/:id/users', params: idParams, body: teamUsersRequestSchema, response: teamResponseSchema,
    permission: { action: 'team:write', on: 'team' }, summary: 'Add team users or change their roles',
    example: async (f) => ({ params: { id: f.teamA }, body: { users: [{ id: (await f.user({ globalRole: null })).id, role: 'observer' }] } }),
  }),
  removeUsers: adminRoute({
    method: 'DELETE', path: '/teams/:id/users', params: idParams, body: teamUsersRequestSchema, response: teamResponseSchema,
    permission: { action: 'team:write', on: 'team' }, summary: 'Remove team users',
    example: async (f) => ({ params: { id: f.teamA }, body: { users: [{ id: (await f.user({ globalRole: null, teamRole: 'observer' })).id }] } }),
  }),
  secrets: adminRoute({
    method: 'GET', path: '/teams/:id/secrets', params: idParams, response: secretsResponseSchema,
    permission: { action: 'team:secrets', on: 'team' }, summary: "A team's enroll secrets",
    example: (f) => ({ params: { id: f.teamA } }),
  }),
  replaceSecrets: adminRoute({
    method: 'PATCH', path: '/teams/:id/secrets', params: idParams, body: teamSecretsRequestSchema, response: secretsResponseSchema,
    permission: { action: 'team:secrets', on: 'team' }, summary: "Replace a team's enroll secrets",
    example: (f) => ({ params: { id: f.teamA }, body: { secrets: [{ secret: 'TEAM-A-SECRET' }] } }),
  }),
  globalSecrets: adminRoute({
    method: 'GET', path: '/spec/enroll_secret', response: enrollSecretSpecResponseSchema,
    permission: { action: 'enroll_secret:read', on: 'global' }, summary: 'Global enroll secrets',
    example: () => ({}),
  }),
  replaceGlobalSecrets: adminRoute({
    method: 'POST', path: '/spec/enroll_secret', body: enrollSecretSpecRequestSchema, response: 'empty',
    permission: { action: 'enroll_secret:write', on: 'global' }, summary: 'Replace the global enroll secrets',
    example: () => ({ body: { spec: { secrets: [{ secret: 'GLOBAL-SECRET' }] } } }),
  }),
};
