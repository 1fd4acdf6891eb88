import { listQuerySchema } from '../list-query.schema';
import {
  createPackRequestSchema, createScheduledQueryRequestSchema, modifyPackRequestSchema, modifyScheduledQueryRequestSchema, packResponseSchema,
  packSpecResponseSchema, packsResponseSchema, scheduledQueriesResponseSchema, scheduledQueryResponseSchema,
} from '../pack.schema';
import { applyPackSpecsRequestSchema, packSpecsResponseSchema } from '../spec.schema';
import { adminRoute } from './admin-route';
import { idParams, nameParams } from './route-params.schema';

const read = { action: 'pack:read', on: 'global' } as const;
const write = { action: 'pack:write', on: 'global' } as const;

/**
 * The scheduled-query routes under one base. Fleet serves them as `/schedule` up to v1 and `/packs/schedule`
 * from 2022-04. `/packs/schedule` is served under every version prefix here (a superset old and new clients
 * alike reach); POST, PATCH and DELETE of `/schedule` only under v1, since from 2022-04 `/schedule` is the
 * global schedule (schedule.routes.ts). `GET /schedule/:id` reads a pack's scheduled query under every
 * prefix, as in Fleet.
 */
function packScheduleRoutes(base: '/schedule' | '/packs/schedule') {
  const versions = base === '/schedule' ? (['v1'] as const) : undefined;
  return {
    create: adminRoute({
      method: 'POST', path: base, versions, body: createScheduledQueryRequestSchema, response: scheduledQueryResponseSchema,
      permission: write, summary: 'Schedule a saved query in a pack',
      description: 'The name defaults to the saved query\'s, numbered (`name-1`, …) when the pack already schedules one by that name.',
      example: async (f) => ({ body: { pack_id: (await f.pack()).id, query_id: (await f.query({ team: 'global' })).id, interval: 60 } }),
    }),
    get: adminRoute({
      method: 'GET', path: `${base}/:id`, params: idParams, response: scheduledQueryResponseSchema,
      permission: read, summary: 'A scheduled query',
      example: async (f) => ({ params: { id: (await f.scheduledQuery()).id } }),
    }),
    modify: adminRoute({
      method: 'PATCH', path: `${base}/:id`, versions, params: idParams, body: modifyScheduledQueryRequestSchema, response: scheduledQueryResponseSchema,
      permission: write, summary: 'Modify a scheduled query',
      example: async (f) => ({ params: { id: (await f.scheduledQuery()).id }, body: { interval: 120 } }),
    }),
    delete: adminRoute({
      method: 'DELETE', path: `${base}/:id`, versions, params: idParams, response: 'empty',
      permission: write, summary: 'Remove a scheduled query from its pack',
      example: async (f) => ({ params: { id: (await f.scheduledQuery()).id } }),
    }),
  };
}

/**
 * 2017 packs, their scheduled queries and pack specs (fleet-admin-api.md §1.7, §1.12). Packs are global
 * objects: only global admins, maintainers and gitops read or write them (§2.1).
 */
export const packRoutes = {
  list: adminRoute({
    method: 'GET', path: '/packs', query: listQuerySchema, response: packsResponseSchema,
    permission: read, summary: 'List 2017 packs', description: 'An array without `meta`, as Fleet\'s older list endpoints answer.',
    example: () => ({}),
  }),
  create: adminRoute({
    method: 'POST', path: '/packs', body: createPackRequestSchema, response: packResponseSchema,
    permission: write, summary: 'Create a pack',
    example: (f) => ({ body: { name: f.unique('pack'), team_ids: [f.teamA] } }),
  }),
  get: adminRoute({
    method: 'GET', path: '/packs/:id', params: idParams, response: packResponseSchema,
    permission: read, summary: 'A pack',
    example: async (f) => ({ params: { id: (await f.pack()).id } }),
  }),
  modify: adminRoute({
    method: 'PATCH', path: '/packs/:id', params: idParams, body: modifyPackRequestSchema, response: packResponseSchema,
    permission: write, summary: 'Modify a pack', description: 'Absent keys keep their value; a target list that is sent replaces that list (null empties it).',
    example: async (f) => ({ params: { id: (await f.pack()).id }, body: { disabled: true } }),
  }),
  scheduled: adminRoute({
    method: 'GET', path: '/packs/:id/scheduled', params: idParams, response: scheduledQueriesResponseSchema,
    permission: read, summary: "A pack's scheduled queries",
    example: async (f) => ({ params: { id: (await f.pack()).id } }),
  }),
  deleteById: adminRoute({
    method: 'DELETE', path: '/packs/id/:id', params: idParams, response: 'empty',
    permission: write, summary: 'Delete a pack by id',
    example: async (f) => ({ params: { id: (await f.pack()).id } }),
  }),
  deleteByName: adminRoute({
    method: 'DELETE', path: '/packs/:name', params: nameParams, response: 'empty',
    permission: write, summary: 'Delete a pack by name',
    example: async (f) => ({ params: { name: (await f.pack()).name } }),
  }),
  schedule: packScheduleRoutes('/schedule'),
  packsSchedule: packScheduleRoutes('/packs/schedule'),
  specs: adminRoute({
    method: 'GET', path: '/spec/packs', response: packSpecsResponseSchema,
    permission: read, summary: 'Pack specs (fleetctl get packs)',
    example: () => ({}),
  }),
  spec: adminRoute({
    method: 'GET', path: '/spec/packs/:name', params: nameParams, response: packSpecResponseSchema,
    permission: read, summary: 'One pack spec', description: 'A single object under the plural key `specs`, as Fleet answers.',
    example: async (f) => ({ params: { name: (await f.pack()).name } }),
  }),
  applySpecs: adminRoute({
    method: 'POST', path: '/spec/packs', body: applyPackSpecsRequestSchema, response: 'empty',
    permission: write, summary: 'Apply pack specs (fleetctl apply)',
    description: 'Upserts by name; label and team targets and the schedule become exactly what the spec lists. Every name is resolved before anything is written.',
    example: (f) => ({ body: { specs: [{ name: f.unique('pack'), targets: { labels: ['All Hosts'] } }] } }),
  }),
};
