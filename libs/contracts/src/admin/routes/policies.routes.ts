import { z } from 'zod';
import { countResponseSchema } from '../host.schema';
import { listQuerySchema, listQueryWith } from '../list-query.schema';
import { createPolicyRequestSchema, modifyPolicyRequestSchema, policiesResponseSchema, policyResponseSchema, teamPoliciesResponseSchema } from '../policy.schema';
import { deletedResponseSchema, idsRequestSchema } from '../query.schema';
import { resetAutomationRequestSchema } from '../policy-automation.schema';
import { adminRoute } from './admin-route';
import type { AnyAdminRoute } from './admin-route';
import { idParam, idParams } from './route-params.schema';

const teamPolicyParams = z.object({ id: idParam, policy_id: idParam });

/** `GET /teams/:id/policies/count` (and Fleet's `/team/` alias): `query` filters by name, `merge_inherited=true` adds the global ones. */
const countTeam = (base: '/teams' | '/team') => adminRoute({
  method: 'GET', path: `${base}/:id/policies/count`, params: idParams,
  query: listQueryWith({ merge_inherited: z.enum(['true', 'false', '1', '0']).optional() }), response: countResponseSchema,
  permission: { action: 'policy:read', on: 'team' }, summary: "Count a team's policies",
  description: `Counted over all pages; \`query\` filters by name; \`merge_inherited=true\` also counts the global policies the team inherits.${base === '/team' ? ' `/team/` is Fleet\'s alias of `/teams/`.' : ''}`,
  example: (f) => ({ params: { id: f.teamA }, query: { merge_inherited: 'true' } }),
});

/** The global policy routes (fleet-admin-api.md §1.8). */
const global = {
  list: adminRoute({
    method: 'GET', path: '/global/policies', query: listQuerySchema, response: policiesResponseSchema,
    permission: { action: 'policy:read', on: 'global' }, summary: 'List global policies',
    example: () => ({}),
  }),
  create: adminRoute({
    method: 'POST', path: '/global/policies', body: createPolicyRequestSchema, response: policyResponseSchema,
    permission: { action: 'policy:write', on: 'global' }, summary: 'Create a global policy',
    example: (f) => ({ body: { name: f.unique('policy'), query: 'SELECT 1' } }),
  }),
  delete: adminRoute({
    method: 'POST', path: '/global/policies/delete', body: idsRequestSchema, response: deletedResponseSchema,
    permission: { action: 'policy:write', on: 'global' }, summary: 'Delete global policies',
    description: 'Ids of team policies are ignored; `deleted` counts the policies that went.',
    example: async (f) => ({ body: { ids: [(await f.policy({ team: 'global' })).id] } }),
  }),
  get: adminRoute({
    method: 'GET', path: '/global/policies/:id', params: idParams, response: policyResponseSchema,
    permission: { action: 'policy:read', on: 'global' }, summary: 'A global policy',
    example: async (f) => ({ params: { id: (await f.policy({ team: 'global' })).id } }),
  }),
  modify: adminRoute({
    method: 'PATCH', path: '/global/policies/:id', params: idParams, body: modifyPolicyRequestSchema, response: policyResponseSchema,
    permission: { action: 'policy:write', on: 'global' }, summary: 'Modify a global policy',
    description: 'A new query or platform forgets the stored results.',
    example: async (f) => ({ params: { id: (await f.policy({ team: 'global' })).id }, body: { critical: true } }),
  }),
};

/** `/policies` is Fleet's name for `/global/policies` since 2022-04; served under every version prefix. */
const alias = <R extends AnyAdminRoute>(r: R): R => ({
  ...r, path: r.path.replace('/global/policies', '/policies'), description: [r.description, 'The same as `/global/policies`.'].filter(Boolean).join(' '),
});

/** Global and team policies (fleet-admin-api.md §1.8); a policy of another team reads as not found. */
export const policyRoutes = {
  ...global,
  aliasList: alias(global.list),
  aliasCreate: alias(global.create),
  aliasDelete: alias(global.delete),
  aliasGet: alias(global.get),
  aliasModify: alias(global.modify),
  count: adminRoute({
    method: 'GET', path: '/policies/count', query: listQuerySchema, response: countResponseSchema,
    permission: { action: 'policy:read', on: 'global' }, summary: 'Count global policies',
    description: 'Counted over all pages; `query` filters by name.',
    example: () => ({ query: { query: 'p' } }),
  }),
  listTeam: adminRoute({
    method: 'GET', path: '/teams/:id/policies', params: idParams, query: listQuerySchema, response: teamPoliciesResponseSchema,
    permission: { action: 'policy:read', on: 'team' }, summary: "A team's and inherited policies",
    description: 'The list options page the team\'s own policies; the inherited global ones come whole.',
    example: (f) => ({ params: { id: f.teamA } }),
  }),
  createTeam: adminRoute({
    method: 'POST', path: '/teams/:id/policies', params: idParams, body: createPolicyRequestSchema, response: policyResponseSchema,
    permission: { action: 'policy:write', on: 'team' }, summary: 'Create a team policy',
    example: (f) => ({ params: { id: f.teamA }, body: { name: f.unique('policy'), query: 'SELECT 1' } }),
  }),
  deleteTeam: adminRoute({
    method: 'POST', path: '/teams/:id/policies/delete', params: idParams, body: idsRequestSchema, response: deletedResponseSchema,
    permission: { action: 'policy:write', on: 'team' }, summary: 'Delete team policies',
    description: "Ids of other teams' policies are ignored; `deleted` counts the policies that went.",
    example: async (f) => ({ params: { id: f.teamA }, body: { ids: [(await f.policy({ team: 'own' })).id] } }),
  }),
  getTeam: adminRoute({
    method: 'GET', path: '/teams/:id/policies/:policy_id', params: teamPolicyParams, response: policyResponseSchema,
    permission: { action: 'policy:read', on: 'team' }, summary: 'A team policy',
    example: async (f) => ({ params: { id: f.teamA, policy_id: (await f.policy({ team: 'own' })).id } }),
  }),
  modifyTeam: adminRoute({
    method: 'PATCH', path: '/teams/:id/policies/:policy_id', params: teamPolicyParams, body: modifyPolicyRequestSchema, response: policyResponseSchema,
    permission: { action: 'policy:write', on: 'team' }, summary: 'Modify a team policy',
    description: 'A new query or platform forgets the stored results.',
    example: async (f) => ({ params: { id: f.teamA, policy_id: (await f.policy({ team: 'own' })).id }, body: { resolution: 'r' } }),
  }),
  countTeam: countTeam('/teams'),
  countTeamAlias: countTeam('/team'),
  resetAutomation: adminRoute({
    method: 'POST', path: '/automations/reset', body: resetAutomationRequestSchema, response: 'empty',
    permission: { action: 'team:write', on: 'team' }, summary: 'Report the failing hosts of policies to their automations again',
    description: 'The policies of `policy_ids` and those of the teams of `team_ids`: their failing-policies webhook reports every failing host again at '
      + 'its next run. Team policies need the team\'s write permission (team admins, gitops), global ones the organisation settings\' (admins, gitops).',
    example: async (f) => ({ body: { policy_ids: [(await f.policy({ team: 'own' })).id] } }),
  }),
};
