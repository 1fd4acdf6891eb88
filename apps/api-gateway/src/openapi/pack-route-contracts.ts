import * as c from '@fleet/contracts';
import type { RouteContract } from './route-contracts';

const create = { summary: 'Schedule a saved query in a pack', body: c.createScheduledQueryRequestSchema, response: c.scheduledQueryResponseSchema };
const get = { summary: 'A scheduled query', response: c.scheduledQueryResponseSchema };
const modify = { summary: 'Modify a scheduled query', body: c.modifyScheduledQueryRequestSchema, response: c.scheduledQueryResponseSchema };
const remove = { summary: 'Remove a scheduled query from its pack' };

/** Contracts of the 2017 packs routes (see ROUTE_CONTRACTS); `/schedule` and `/packs/schedule` share handlers. */
export const PACK_ROUTE_CONTRACTS: Readonly<Record<string, RouteContract>> = {
  'GET /packs': { summary: 'List 2017 packs', query: c.listQuerySchema, response: c.packsResponseSchema },
  'POST /packs': { summary: 'Create a pack', body: c.createPackRequestSchema, response: c.packResponseSchema },
  'GET /packs/:id': { summary: 'A pack', response: c.packResponseSchema },
  'PATCH /packs/:id': { summary: 'Modify a pack', body: c.modifyPackRequestSchema, response: c.packResponseSchema },
  'GET /packs/:id/scheduled': { summary: "A pack's scheduled queries", response: c.scheduledQueriesResponseSchema },
  'DELETE /packs/id/:id': { summary: 'Delete a pack by id' },
  'DELETE /packs/:name': { summary: 'Delete a pack by name' },
  'POST /schedule': create, 'GET /schedule/:id': get, 'PATCH /schedule/:id': modify, 'DELETE /schedule/:id': remove,
  'POST /packs/schedule': create, 'GET /packs/schedule/:id': get, 'PATCH /packs/schedule/:id': modify, 'DELETE /packs/schedule/:id': remove,
  'GET /spec/packs': { summary: 'Pack specs (fleetctl get packs)', response: c.packSpecsResponseSchema },
  'GET /spec/packs/:name': { summary: 'One pack spec' },
  'POST /spec/packs': { summary: 'Apply pack specs', body: c.applyPackSpecsRequestSchema },
};
