import { z } from 'zod';
import { listQuerySchema } from '../list-query.schema';
import {
  globalScheduleResponseSchema, modifyScheduleRequestSchema, scheduleEntryResponseSchema, scheduleQueryRequestSchema, teamScheduleResponseSchema,
} from '../schedule.schema';
import { adminRoute } from './admin-route';
import type { AnyAdminRoute, ApiVersion } from './admin-route';
import { idParam, idParams } from './route-params.schema';

const teamEntryParams = z.object({ id: idParam, scheduled_query_id: idParam });

const GLOBAL_TEXT = 'The global schedule is the global saved queries with an interval (Fleet 4.35+); an entry\'s id is its query\'s id.';
const COPY_TEXT = 'Copies a global saved query as `Copy of <name> (<unix time>)` with the given interval, platform and version, '
  + 'automations on and the logging mode of `snapshot`/`removed`.';

/** Fleet serves the global schedule at `/global/schedule` up to v1 and at `/schedule` from 2022-04 (where v1 keeps the pack routes). */
const NEWER: readonly ApiVersion[] = ['2022-04', 'latest'];
const V1: readonly ApiVersion[] = ['v1'];

function globalSchedule(base: '/schedule' | '/global/schedule', versions: readonly ApiVersion[]) {
  return {
    list: adminRoute({
      method: 'GET', path: base, versions, query: listQuerySchema, response: globalScheduleResponseSchema,
      permission: { action: 'query:read', on: 'global' }, summary: 'The global schedule', description: GLOBAL_TEXT,
      example: () => ({}),
    }),
    create: adminRoute({
      method: 'POST', path: base, versions, body: scheduleQueryRequestSchema, response: scheduleEntryResponseSchema,
      permission: { action: 'query:write', on: 'global' }, summary: 'Add a query to the global schedule',
      description: `${COPY_TEXT} Only a global query can be copied. ${GLOBAL_TEXT}`,
      example: async (f) => ({ body: { query_id: (await f.query({ team: 'global' })).id, interval: 3600, snapshot: true } }),
    }),
    modify: adminRoute({
      method: 'PATCH', path: `${base}/:id`, versions, params: idParams, body: modifyScheduleRequestSchema, response: scheduleEntryResponseSchema,
      permission: { action: 'query:write', on: 'global' }, summary: 'Modify an entry of the global schedule',
      description: `Interval, platform and version; the logging mode changes only when \`snapshot\` and \`removed\` are both given. ${GLOBAL_TEXT}`,
      example: async (f) => ({ params: { id: (await f.query({ team: 'global' })).id }, body: { interval: 600 } }),
    }),
    delete: adminRoute({
      method: 'DELETE', path: `${base}/:id`, versions, params: idParams, response: 'empty',
      permission: { action: 'query:write', on: 'global' }, summary: 'Remove an entry from the global schedule (deletes its query)',
      example: async (f) => ({ params: { id: (await f.query({ team: 'global' })).id } }),
    }),
  };
}

function teamSchedule(base: '/teams' | '/team') {
  const alias = base === '/team' ? ' `/team/` is Fleet\'s alias of `/teams/`.' : '';
  return {
    list: adminRoute({
      method: 'GET', path: `${base}/:id/schedule`, params: idParams, query: listQuerySchema, response: teamScheduleResponseSchema,
      permission: { action: 'query:read', on: 'team' }, summary: "A team's schedule",
      description: `The team's saved queries with an interval.${alias}`,
      example: (f) => ({ params: { id: f.teamA } }),
    }),
    create: adminRoute({
      method: 'POST', path: `${base}/:id/schedule`, params: idParams, body: scheduleQueryRequestSchema, response: scheduleEntryResponseSchema,
      permission: { action: 'query:write', on: 'team' }, summary: "Add a global query to a team's schedule",
      description: `${COPY_TEXT} The copy belongs to the team.${alias}`,
      example: async (f) => ({ params: { id: f.teamA }, body: { query_id: (await f.query({ team: 'global' })).id, interval: 3600 } }),
    }),
    modify: adminRoute({
      method: 'PATCH', path: `${base}/:id/schedule/:scheduled_query_id`, params: teamEntryParams, body: modifyScheduleRequestSchema,
      response: scheduleEntryResponseSchema, permission: { action: 'query:write', on: 'team' }, summary: "Modify an entry of a team's schedule",
      description: `An entry of another team (or the global schedule) is not found.${alias}`,
      example: async (f) => ({ params: { id: f.teamA, scheduled_query_id: (await f.query({ team: 'own' })).id }, body: { interval: 600 } }),
    }),
    delete: adminRoute({
      method: 'DELETE', path: `${base}/:id/schedule/:scheduled_query_id`, params: teamEntryParams, response: 'empty',
      permission: { action: 'query:write', on: 'team' }, summary: "Remove an entry from a team's schedule (deletes its query)",
      description: `An entry of another team (or the global schedule) is not found.${alias}`,
      example: async (f) => ({ params: { id: f.teamA, scheduled_query_id: (await f.query({ team: 'own' })).id } }),
    }),
  };
}

/**
 * The 4.35+ schedule routes (fleet-admin-api.md §1.7): the global schedule (`/schedule` from 2022-04,
 * `/global/schedule` in v1) and a team's schedule, each a view of saved queries with an interval. The
 * 2017-pack `/schedule` routes of v1 are in packs.routes.ts.
 */
export const scheduleRoutes = {
  global: globalSchedule('/schedule', NEWER),
  globalV1: globalSchedule('/global/schedule', V1),
  team: teamSchedule('/teams'),
  teamAlias: teamSchedule('/team'),
} satisfies Record<string, Record<string, AnyAdminRoute>>;
