import { countResponseSchema } from '../host.schema';
import { softwareListQuerySchema, softwareListResponseSchema, softwareTeamQuerySchema, softwareVersionResponseSchema } from '../software.schema';
import { adminRoute } from './admin-route';
import { idParams } from './route-params.schema';

const LIST = 'Versions installed on at least one host of the caller\'s teams (or of `team_id`, 0 = no team), most installed first '
  + 'unless `order_key` (name, hosts_count, id, version) is given; `query` matches the name. Counts are live, so `counts_updated_at` is null.';

/** Software versions (fleet-admin-api.md §1.14); team users count only their teams' hosts. */
export const softwareRoutes = {
  listDeprecated: adminRoute({
    method: 'GET', path: '/software', query: softwareListQuerySchema, response: softwareListResponseSchema,
    permission: { action: 'software:read', on: 'any' }, summary: 'Software versions (deprecated path)', description: LIST,
    example: () => ({}),
  }),
  list: adminRoute({
    method: 'GET', path: '/software/versions', query: softwareListQuerySchema, response: softwareListResponseSchema,
    permission: { action: 'software:read', on: 'any' }, summary: 'Software versions with host counts', description: LIST,
    example: () => ({ query: { per_page: 10, page: 0 } }),
  }),
  count: adminRoute({
    method: 'GET', path: '/software/count', query: softwareListQuerySchema, response: countResponseSchema,
    permission: { action: 'software:read', on: 'any' }, summary: 'Count software versions',
    description: 'How many versions `GET /software/versions` lists with the same `team_id` and `query`.',
    example: () => ({}),
  }),
  get: adminRoute({
    method: 'GET', path: '/software/versions/:id', params: idParams, query: softwareTeamQuerySchema, response: softwareVersionResponseSchema,
    permission: { action: 'software:read', on: 'any' }, summary: 'A software version',
    description: 'Its host count covers the caller\'s teams (or `team_id`); a version on none of them is 404.',
    example: async (f) => ({ params: { id: (await f.software()).id } }),
  }),
};
