import { hostFiltersQuerySchema, hostsResponseSchema } from '../host.schema';
import { createLabelRequestSchema, labelResponseSchema, labelsResponseSchema, labelsSummaryResponseSchema, modifyLabelRequestSchema } from '../label.schema';
import { hostLabelsRequestSchema } from '../host-device.schema';
import { listQuerySchema } from '../list-query.schema';
import { querySequence } from '../query-sequence.schema';
import { adminRoute } from './admin-route';
import { idParams, nameParams } from './route-params.schema';

/** A label's hosts: the host-list filters, then the list options, each with Fleet's 400 reasons. */
const labelHostsQuerySchema = querySequence({ filters: hostFiltersQuerySchema, list: listQuerySchema });

/**
 * Labels (fleet-admin-api.md §1.4): global objects, read by every reader role, written by global writers only.
 * `DELETE /labels/id/:id` and `DELETE /labels/:name` differ by their path's shape, as in Fleet's router.
 */
export const labelRoutes = {
  list: adminRoute({
    method: 'GET', path: '/labels', query: listQuerySchema, response: labelsResponseSchema,
    permission: { action: 'label:read', on: 'global' }, summary: 'List labels',
    description: 'The older list endpoint: the array only, no `meta`.',
    example: () => ({}),
  }),
  summary: adminRoute({
    method: 'GET', path: '/labels/summary', response: labelsSummaryResponseSchema,
    permission: { action: 'label:read', on: 'global' }, summary: 'Label ids, names and types',
    example: () => ({}),
  }),
  create: adminRoute({
    method: 'POST', path: '/labels', body: createLabelRequestSchema, response: labelResponseSchema,
    permission: { action: 'label:write', on: 'global' }, summary: 'Create a dynamic (query) or manual (hosts) label',
    description: 'A manual label when `hosts` is given or there is no query; both at once is refused.',
    example: (f) => ({ body: { name: f.unique('label'), query: 'SELECT 1' } }),
  }),
  get: adminRoute({
    method: 'GET', path: '/labels/:id', params: idParams, response: labelResponseSchema,
    permission: { action: 'label:read', on: 'global' }, summary: 'A label',
    example: async (f) => ({ params: { id: (await f.label()).id } }),
  }),
  modify: adminRoute({
    method: 'PATCH', path: '/labels/:id', params: idParams, body: modifyLabelRequestSchema, response: labelResponseSchema,
    permission: { action: 'label:write', on: 'global' }, summary: 'Modify a label',
    description: 'Built-in labels never change; only a manual label takes `hosts`, which replace its members.',
    example: async (f) => ({ params: { id: (await f.label()).id }, body: { description: 'd' } }),
  }),
  hosts: adminRoute({
    method: 'GET', path: '/labels/:id/hosts', params: idParams, query: labelHostsQuerySchema, response: hostsResponseSchema,
    permission: { action: 'host:read', on: 'any' }, summary: "A label's hosts",
    description: 'Only the hosts the caller may see, with the host-list filters.',
    example: async (f) => ({ params: { id: (await f.label()).id } }),
  }),
  deleteById: adminRoute({
    method: 'DELETE', path: '/labels/id/:id', params: idParams, response: 'empty',
    permission: { action: 'label:write', on: 'global' }, summary: 'Delete a label by id',
    example: async (f) => ({ params: { id: (await f.label()).id } }),
  }),
  deleteByName: adminRoute({
    method: 'DELETE', path: '/labels/:name', params: nameParams, response: 'empty',
    permission: { action: 'label:write', on: 'global' }, summary: 'Delete a label by name',
    description: 'The name is URL-escaped in the path.',
    example: async (f) => ({ params: { name: (await f.label()).name } }),
  }),
  addToHost: adminRoute({
    method: 'POST', path: '/hosts/:id/labels', params: idParams, body: hostLabelsRequestSchema, response: 'empty',
    permission: { action: 'host:label', on: 'team' }, summary: 'Add manual labels to a host',
    description: 'Labels by name; every one must exist and be manual (400 naming those that are unknown or dynamic). Agents never change manual labels.',
    example: async (f) => ({ params: { id: (await f.host()).id }, body: { labels: [(await f.manualLabel()).name] } }),
  }),
  removeFromHost: adminRoute({
    method: 'DELETE', path: '/hosts/:id/labels', params: idParams, body: hostLabelsRequestSchema, response: 'empty',
    permission: { action: 'host:label', on: 'team' }, summary: 'Remove manual labels from a host',
    description: 'Labels by name in the body; the same rules as adding them.',
    example: async (f) => ({ params: { id: (await f.host()).id }, body: { labels: [(await f.manualLabel()).name] } }),
  }),
};
