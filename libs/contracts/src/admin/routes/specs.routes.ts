import { z } from 'zod';
import { optionalIntParam } from '../list-query.schema';
import {
  applyLabelSpecsRequestSchema, applyPolicySpecsRequestSchema, applyQuerySpecsRequestSchema, applyTeamSpecsRequestSchema, labelSpecResponseSchema,
  labelSpecsResponseSchema, querySpecResponseSchema, querySpecsResponseSchema, teamSpecsResponseSchema,
} from '../spec.schema';
import { adminRoute } from './admin-route';
import { nameParams } from './route-params.schema';

const teamQuery = z.object({ team_id: optionalIntParam });

/**
 * The `/spec/*` endpoints of `fleetctl apply/get` for queries, labels, policies and teams (fleet-admin-api.md
 * §1.12): specs upsert by name and fields left out take their zero values, so applying the same file twice
 * changes nothing. Enroll secrets live beside teams, packs beside packs.
 */
export const specRoutes = {
  queries: adminRoute({
    method: 'GET', path: '/spec/queries', query: teamQuery, response: querySpecsResponseSchema,
    permission: { action: 'query:read', on: 'global' }, summary: 'Query specs (fleetctl get queries)',
    description: "The global queries, or the team's with `team_id`.",
    example: () => ({}),
  }),
  query: adminRoute({
    method: 'GET', path: '/spec/queries/:name', params: nameParams, query: teamQuery, response: querySpecResponseSchema,
    permission: { action: 'query:read', on: 'global' }, summary: 'One query spec',
    example: async (f) => ({ params: { name: (await f.query({ team: 'global' })).name } }),
  }),
  applyQueries: adminRoute({
    method: 'POST', path: '/spec/queries', body: applyQuerySpecsRequestSchema, response: 'empty',
    permission: { action: 'query:write', on: 'global' }, summary: 'Apply query specs',
    description: 'Each spec names its team (`""` = global); an unknown team is 404 before anything is written.',
    example: (f) => ({ body: { specs: [{ name: f.unique('query'), query: 'SELECT 1' }] } }),
  }),
  labels: adminRoute({
    method: 'GET', path: '/spec/labels', response: labelSpecsResponseSchema,
    permission: { action: 'label:read', on: 'global' }, summary: 'Label specs',
    example: () => ({}),
  }),
  label: adminRoute({
    method: 'GET', path: '/spec/labels/:name', params: nameParams, response: labelSpecResponseSchema,
    permission: { action: 'label:read', on: 'global' }, summary: 'One label spec',
    example: async (f) => ({ params: { name: (await f.label()).name } }),
  }),
  applyLabels: adminRoute({
    method: 'POST', path: '/spec/labels', body: applyLabelSpecsRequestSchema, response: 'empty',
    permission: { action: 'label:write', on: 'global' }, summary: 'Apply label specs',
    description: 'Built-in labels are refused; a manual label must list its hosts, which replace its members.',
    example: (f) => ({ body: { specs: [{ name: f.unique('label'), query: 'SELECT 1' }] } }),
  }),
  applyPolicies: adminRoute({
    method: 'POST', path: '/spec/policies', body: applyPolicySpecsRequestSchema, response: 'empty',
    permission: { action: 'policy:write', on: 'global' }, summary: 'Apply policy specs',
    description: 'An existing policy keeps its team and platform.',
    example: (f) => ({ body: { specs: [{ name: f.unique('policy'), query: 'SELECT 1' }] } }),
  }),
  applyTeams: adminRoute({
    method: 'POST', path: '/spec/teams', query: z.object({ dry_run: z.string().optional(), force: z.string().optional() }),
    body: applyTeamSpecsRequestSchema, response: teamSpecsResponseSchema,
    permission: { action: 'team:write', on: 'team' }, summary: 'Apply team specs',
    description: 'Creates missing teams (`team:create`), updates existing ones; with `dry_run=true` validates and authorizes only.',
    example: async (f) => ({ body: { specs: [{ name: (await f.ownTeam()).name, features: { enable_host_users: true } }] } }),
  }),
};
