import { z } from 'zod';
import { listQueryWith, optionalIntParam } from '../list-query.schema';
import {
  createQueryRequestSchema, deletedResponseSchema, idsRequestSchema, modifyQueryRequestSchema, queriesResponseSchema, queryReportResponseSchema,
  queryResponseSchema,
} from '../query.schema';
import { adminRoute } from './admin-route';
import { idParams, nameParams } from './route-params.schema';

/**
 * Saved queries and their reports (fleet-admin-api.md §1.5). A query is global or owned by one team, and
 * permission is decided on that team. `DELETE /queries/id/:id` and `DELETE /queries/:name` differ by their
 * path's shape, as in Fleet's router.
 */
export const queryRoutes = {
  list: adminRoute({
    method: 'GET', path: '/queries',
    query: listQueryWith({ team_id: optionalIntParam, merge_inherited: z.string().optional(), platform: z.string().optional() }),
    response: queriesResponseSchema,
    permission: { action: 'query:read', on: 'global' }, summary: 'List saved queries',
    description: "Without `team_id` the global queries only; with `team_id` that team's, plus the global ones when `merge_inherited=true`.",
    example: () => ({}),
  }),
  create: adminRoute({
    method: 'POST', path: '/queries', body: createQueryRequestSchema, response: queryResponseSchema,
    permission: { action: 'query:write', on: 'team' }, summary: 'Create a saved query',
    description: 'In the team of `team_id`, or global when it is absent or null.',
    example: (f) => ({ body: { name: f.unique('query'), query: 'SELECT 1', team_id: f.teamA, interval: 60 } }),
  }),
  deleteMany: adminRoute({
    method: 'POST', path: '/queries/delete', body: idsRequestSchema, response: deletedResponseSchema,
    permission: { action: 'query:write', on: 'team' }, summary: 'Delete saved queries by id',
    description: 'All or nothing: every query must exist and be writable by the caller.',
    example: async (f) => ({ body: { ids: [(await f.query({ team: 'own' })).id] } }),
  }),
  get: adminRoute({
    method: 'GET', path: '/queries/:id', params: idParams, response: queryResponseSchema,
    permission: { action: 'query:read', on: 'team' }, summary: 'A saved query',
    example: async (f) => ({ params: { id: (await f.query({ team: 'own' })).id } }),
  }),
  modify: adminRoute({
    method: 'PATCH', path: '/queries/:id', params: idParams, body: modifyQueryRequestSchema, response: queryResponseSchema,
    permission: { action: 'query:write', on: 'team' }, summary: 'Modify a saved query',
    description: 'The stored report is dropped when the SQL changes, `discard_data` turns on, or logging leaves `snapshot`.',
    example: async (f) => ({ params: { id: (await f.query({ team: 'own' })).id }, body: { interval: 300 } }),
  }),
  report: adminRoute({
    method: 'GET', path: '/queries/:id/report', params: idParams, query: listQueryWith({}), response: queryReportResponseSchema,
    permission: { action: 'query:read', on: 'team' }, summary: "A scheduled query's stored results",
    description: 'Newest first, only rows of hosts the caller may see; `report_clipped` when the report holds `server_settings.query_report_cap` rows. '
      + 'Without `page`/`per_page` every row (up to the cap, as Fleet answers); with them one page and `meta`.',
    example: async (f) => ({ params: { id: (await f.query({ team: 'own' })).id }, query: { page: '0', per_page: '50' } }),
  }),
  deleteById: adminRoute({
    method: 'DELETE', path: '/queries/id/:id', params: idParams, response: 'empty',
    permission: { action: 'query:write', on: 'team' }, summary: 'Delete a saved query by id',
    example: async (f) => ({ params: { id: (await f.query({ team: 'own' })).id } }),
  }),
  deleteByName: adminRoute({
    method: 'DELETE', path: '/queries/:name', params: nameParams, query: z.object({ team_id: optionalIntParam }), response: 'empty',
    permission: { action: 'query:write', on: 'team' }, summary: 'Delete a saved query by name (team_id in the query string)',
    description: 'The name is looked up in the team of `team_id`, or among the global queries when it is absent.',
    example: async (f) => ({ params: { name: (await f.query({ team: 'own' })).name }, query: { team_id: f.teamA } }),
  }),
};
