import * as c from '@fleet/contracts';
import type { z } from 'zod';
import { CONTENT_ROUTE_CONTRACTS } from './content-route-contracts';

/** The zod contracts of one route: what it reads and what it answers with on success. */
export interface RouteContract {
  readonly summary: string;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** Success body; absent = JSON `{}`; `'csv'` = a text/csv attachment. */
  readonly response?: z.ZodType | 'csv';
}

const list = c.listQuerySchema;
const hostQuery = c.hostFiltersQuerySchema;

/**
 * Every admin route's contracts, keyed `METHOD /path` relative to `/api/{version}/fleet` (setup routes by
 * their full path). The OpenAPI document is generated from this map and the route inventory, and a test
 * fails when a registered route has no entry here or an entry names no route.
 */
export const ROUTE_CONTRACTS: Readonly<Record<string, RouteContract>> = {
  'GET /activities': { summary: 'The audit log', query: list },
  'GET /hosts': { summary: 'List hosts', query: hostQuery, response: c.hostsResponseSchema },
  'GET /hosts/count': { summary: 'Count hosts', query: hostQuery, response: c.countResponseSchema },
  'GET /hosts/report': { summary: 'Hosts as CSV', query: hostQuery, response: 'csv' },
  'GET /host_summary': { summary: 'Host counts by status and platform', response: c.hostSummaryResponseSchema },
  'GET /hosts/:id': { summary: 'Host detail', response: c.hostResponseSchema },
  'GET /hosts/identifier/:identifier': { summary: 'Host by hostname, UUID or serial', response: c.hostResponseSchema },
  'POST /hosts/:id/refetch': { summary: 'Refetch host details' },
  'DELETE /hosts/:id': { summary: 'Delete a host' },
  'POST /hosts/delete': { summary: 'Delete hosts by ids or filters', body: c.deleteHostsRequestSchema },
  'POST /hosts/transfer': { summary: 'Transfer hosts to a team', body: c.transferHostsRequestSchema },
  'POST /hosts/transfer/filter': { summary: 'Transfer the hosts matching filters to a team', body: c.transferHostsByFilterRequestSchema },
  ...CONTENT_ROUTE_CONTRACTS,
};
