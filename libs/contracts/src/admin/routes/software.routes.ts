import { countResponseSchema } from '../host.schema';
import { softwareListQuerySchema, softwareListResponseSchema, softwareTeamQuerySchema, softwareVersionResponseSchema } from '../software.schema';
import { adminRoute } from './admin-route';
import { idParams } from './route-params.schema';

const LIST = 'Versions installed on at least one host of the caller\'s teams (or of `team_id`, 0 = no team), most installed first '
  + 'unless `order_key` (name, hosts_count, id, version) is given; `query` matches the name. Counts are live, so `counts_updated_at` is null.';
/**
 * `team_id` names one team's inventory, and Fleet authorizes that team: a caller without a reading role on it (a
 * team user naming another team, or 0) is refused. The examples name team A, so the role matrix checks exactly that.
 */
const TEAM = 'A `team_id` needs a reading role on that team (0 = no team: global readers only); without it, the caller\'s teams.';

/** Software versions (fleet-admin-api.md §1.14); team users count only their teams' hosts. */
export const softwareRoutes = {
  listDeprecated: adminRoute({
    method: 'GET', path: '/software', query: softwareListQuerySchema, response: softwareListResponseSchema,
    permission: { action: 'software:read', on: 'team' }, summary: 'Software versions (deprecated path)', description: `${LIST} ${TEAM}`,
    example: (f) => ({ query: { team_id: f.teamA } }),
  }),
  list: adminRoute({
    method: 'GET', path: '/software/versions', query: softwareListQuerySchema, response: softwareListResponseSchema,
    permission: { action: 'software:read', on: 'team' }, summary: 'Software versions with host counts', description: `${LIST} ${TEAM}`,
    example: (f) => ({ query: { per_page: 10, page: 0, team_id: f.teamA } }),
  }),
  count: adminRoute({
    method: 'GET', path: '/software/count', query: softwareListQuerySchema, response: countResponseSchema,
    permission: { action: 'software:read', on: 'team' }, summary: 'Count software versions',
    description: `How many versions \`GET /software/versions\` lists with the same \`team_id\` and \`query\`. ${TEAM}`,
    example: (f) => ({ query: { team_id: f.teamA } }),
  }),
  get: adminRoute({
    method: 'GET', path: '/software/versions/:id', params: idParams, query: softwareTeamQuerySchema, response: softwareVersionResponseSchema,
    permission: { action: 'software:read', on: 'team' }, summary: 'A software version',
    description: `Its host count covers the caller's teams (or \`team_id\`); a version on none of them is 404. ${TEAM}`,
    example: async (f) => ({ params: { id: (await f.software()).id }, query: { team_id: f.teamA } }),
  }),
};
