import { z } from 'zod';
import {
  countResponseSchema, deleteHostsRequestSchema, hostDetailQuerySchema, hostFiltersQuerySchema, hostIdentifierParams, hostListQuerySchema,
  hostQueryReportResponseSchema, hostReportQuerySchema, hostResponseSchema, hostsResponseSchema, hostSummaryQuerySchema, hostSummaryResponseSchema,
  transferHostsByFilterRequestSchema, transferHostsRequestSchema,
} from '../host.schema';
import { deviceMappingResponseSchema, hostHealthResponseSchema, putDeviceMappingRequestSchema, searchHostsRequestSchema } from '../host-device.schema';
import { adminRoute } from './admin-route';
import { idParam, idParams } from './route-params.schema';

const FILTERS = 'Filters: `query` (hostname, UUID, serial, IP or computer name), `status` (online, offline, new, missing or mia), '
  + '`team_id` (0 = no team), `label_id`, `policy_id` with `policy_response`, `software_id`, `os_name` with `os_version`, `platform`, `low_disk_space` (GB available below 1 to 100).';
const BODY_FILTERS = 'Body `filters` (`query`, `status`, `label_id`, `team_id`) follow the rules of the list filters; a bad one answers 400 with the same reason.';

/** Hosts and their summary (fleet-admin-api.md §1.3). Team users see and act on their teams' hosts only. */
export const hostRoutes = {
  list: adminRoute({
    method: 'GET', path: '/hosts', query: hostListQuerySchema, response: hostsResponseSchema,
    permission: { action: 'host:read', on: 'any' }, summary: 'List hosts', description: FILTERS,
    example: () => ({ query: { order_key: 'hostname', per_page: 10, page: 0 } }),
  }),
  count: adminRoute({
    method: 'GET', path: '/hosts/count', query: hostFiltersQuerySchema, response: countResponseSchema,
    permission: { action: 'host:read', on: 'any' }, summary: 'Count hosts', description: FILTERS,
    example: () => ({ query: { status: 'online' } }),
  }),
  report: adminRoute({
    method: 'GET', path: '/hosts/report', query: hostReportQuerySchema, response: 'csv',
    permission: { action: 'host:read', on: 'any' }, summary: 'Hosts as CSV',
    description: `Every matching host unless \`per_page\` is given; \`columns\` (comma-separated) picks the columns. ${FILTERS}`,
    example: () => ({ query: { format: 'csv', columns: 'id,hostname,status' } }),
  }),
  summary: adminRoute({
    method: 'GET', path: '/host_summary', query: hostSummaryQuerySchema, response: hostSummaryResponseSchema,
    permission: { action: 'host:read', on: 'any' }, summary: 'Host counts by status and platform',
    description: 'Counts within the caller\'s teams (a `team_id` needs a reading role on that team), plus the built-in labels; at most a few seconds old.',
    example: () => ({}),
  }),
  get: adminRoute({
    method: 'GET', path: '/hosts/:id', params: idParams, query: hostDetailQuerySchema, response: hostResponseSchema,
    permission: { action: 'host:read', on: 'team' }, summary: 'Host detail',
    description: 'With its labels, policies (and this host\'s answers), software and users; a host outside the caller\'s teams is 404.',
    example: async (f) => ({ params: { id: (await f.host()).id } }),
  }),
  byIdentifier: adminRoute({
    method: 'GET', path: '/hosts/identifier/:identifier', params: hostIdentifierParams, query: hostDetailQuerySchema, response: hostResponseSchema,
    permission: { action: 'host:read', on: 'team' }, summary: 'Host by hostname, UUID or serial',
    description: 'Also by osquery host id; the lowest id wins when several hosts match.',
    example: async (f) => ({ params: { identifier: (await f.host()).uuid } }),
  }),
  queryReport: adminRoute({
    method: 'GET', path: '/hosts/:id/queries/:query_id', params: z.object({ id: idParam, query_id: idParam }), response: hostQueryReportResponseSchema,
    permission: { action: 'host:read', on: 'team' }, summary: "A host's stored results of a scheduled query",
    description: 'The rows the host last reported for the query (its report); reading the host and the query is needed.',
    example: async (f) => ({ params: { id: (await f.host()).id, query_id: (await f.query({ team: 'global' })).id } }),
  }),
  refetch: adminRoute({
    method: 'POST', path: '/hosts/:id/refetch', params: idParams, response: 'empty',
    permission: { action: 'host:read', on: 'team' }, summary: 'Refetch host details',
    description: 'The host runs every detail query at its next check-in; reading the host is enough, as in Fleet.',
    example: async (f) => ({ params: { id: (await f.host()).id } }),
  }),
  delete: adminRoute({
    method: 'DELETE', path: '/hosts/:id', params: idParams, response: 'empty',
    permission: { action: 'host:write', on: 'team' }, summary: 'Delete a host',
    example: async (f) => ({ params: { id: (await f.host()).id } }),
  }),
  deleteMany: adminRoute({
    method: 'POST', path: '/hosts/delete', body: deleteHostsRequestSchema, response: 'empty',
    permission: { action: 'host:write', on: 'any' }, summary: 'Delete hosts by ids or filters',
    description: `Only hosts of the caller's teams are deleted; no \`ids\` and empty \`filters\` delete every such host. ${BODY_FILTERS}`,
    example: async (f) => ({ body: { ids: [(await f.host()).id] } }),
  }),
  transfer: adminRoute({
    method: 'POST', path: '/hosts/transfer', body: transferHostsRequestSchema, response: 'empty',
    permission: { action: 'host:transfer', on: 'team' }, summary: 'Transfer hosts to a team',
    description: 'The caller needs the right on the destination team (`team_id` null = no team) and on every host.',
    example: async (f) => ({ body: { team_id: f.teamA, hosts: [(await f.host()).id] } }),
  }),
  transferByFilter: adminRoute({
    method: 'POST', path: '/hosts/transfer/filter', body: transferHostsByFilterRequestSchema, response: 'empty',
    permission: { action: 'host:transfer', on: 'team' }, summary: 'Transfer the hosts matching filters to a team',
    description: `Moves every matching host of the caller's teams. ${BODY_FILTERS}`,
    example: async (f) => ({ body: { team_id: f.teamA, filters: { query: (await f.host()).hostname } } }),
  }),
  deviceMapping: adminRoute({
    method: 'GET', path: '/hosts/:id/device_mapping', params: idParams, response: deviceMappingResponseSchema,
    permission: { action: 'host:read', on: 'team' }, summary: "A host's human-device mapping",
    description: 'The emails of the people who use the host, each with its source (`custom` is the one set through this API).',
    example: async (f) => ({ params: { id: (await f.host()).id } }),
  }),
  setDeviceMapping: adminRoute({
    method: 'PUT', path: '/hosts/:id/device_mapping', params: idParams, body: putDeviceMappingRequestSchema, response: deviceMappingResponseSchema,
    permission: { action: 'host:write', on: 'team' }, summary: "Set a host's custom human-device mapping",
    description: 'Replaces the host\'s one `custom` email; answers the whole mapping.',
    example: async (f) => ({ params: { id: (await f.host()).id }, body: { email: 'user@example.com' } }),
  }),
  health: adminRoute({
    method: 'GET', path: '/hosts/:id/health', params: idParams, response: hostHealthResponseSchema,
    permission: { action: 'host:read', on: 'team' }, summary: "A host's device health",
    description: 'OS version, the policies it fails (with `critical` and the resolution) and their counts.',
    example: async (f) => ({ params: { id: (await f.host()).id } }),
  }),
  search: adminRoute({
    method: 'POST', path: '/hosts/search', body: searchHostsRequestSchema, response: hostsResponseSchema, readOnly: true,
    permission: { action: 'host:read', on: 'any' }, summary: 'Search hosts to target',
    description: 'At most 10 hosts of the caller\'s teams whose hostname, display name, serial, UUID or IP contains `query`, without `excluded_host_ids`. '
      + 'Observers find hosts only for a `query_id` they may run (`observer_can_run`), as in Fleet\'s target search.',
    example: async (f) => ({ body: { query: (await f.host()).hostname, excluded_host_ids: [] } }),
  }),
};
