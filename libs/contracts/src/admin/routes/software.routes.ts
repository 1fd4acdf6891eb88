import { countResponseSchema } from '../host.schema';
import {
  hostSoftwareQuerySchema, hostSoftwareResponseSchema, softwareListQuerySchema, softwareListResponseSchema, softwareTeamQuerySchema, softwareTitleResponseSchema,
  softwareTitlesResponseSchema, softwareVersionResponseSchema,
} from '../software.schema';
import { adminRoute } from './admin-route';
import { idParams } from './route-params.schema';

const LIST = 'Versions installed on at least one host of the caller\'s teams (or of `team_id`, 0 = no team), most installed first '
  + 'unless `order_key` (name, hosts_count, id, version, cve_published, cvss_score, epss_probability, cisa_known_exploit) is given; `query` '
  + 'matches the name, version or a CVE; `vulnerable`, `exploit` (a CISA known-exploited CVE), `min_cvss_score` and `max_cvss_score` '
  + 'filter by the versions\' CVEs; `without_vulnerability_details` leaves only each CVE\'s id and link. Host counts are kept as hosts '
  + 'report, so `counts_updated_at` is null.';
/**
 * `team_id` names one team's inventory, and Fleet authorizes that team: a caller without a reading role on it (a
 * team user naming another team, or 0) is refused. The examples name team A, so the role matrix checks exactly that.
 */
const TEAM = 'A `team_id` needs a reading role on that team (0 = no team: global readers only); without it, the caller\'s teams.';

/** Software versions and titles (fleet-admin-api.md §1.14); team users count only their teams' hosts. */
export const softwareRoutes = {
  listDeprecated: adminRoute({
    method: 'GET', path: '/software', query: softwareListQuerySchema, response: softwareListResponseSchema,
    permission: { action: 'software:read', on: 'team' }, summary: 'Software versions (deprecated path)', description: `${LIST} ${TEAM}`,
    example: (f) => ({ query: { team_id: f.teamA } }),
  }),
  list: adminRoute({
    method: 'GET', path: '/software/versions', query: softwareListQuerySchema, response: softwareListResponseSchema,
    permission: { action: 'software:read', on: 'team' }, summary: 'Software versions with host counts and CVEs', description: `${LIST} ${TEAM}`,
    example: (f) => ({ query: { per_page: 10, page: 0, team_id: f.teamA } }),
  }),
  count: adminRoute({
    method: 'GET', path: '/software/count', query: softwareListQuerySchema, response: countResponseSchema,
    permission: { action: 'software:read', on: 'team' }, summary: 'Count software versions',
    description: `How many versions \`GET /software/versions\` lists with the same \`team_id\`, \`query\` and filters. ${TEAM}`,
    example: (f) => ({ query: { team_id: f.teamA } }),
  }),
  get: adminRoute({
    method: 'GET', path: '/software/versions/:id', params: idParams, query: softwareTeamQuerySchema, response: softwareVersionResponseSchema,
    permission: { action: 'software:read', on: 'team' }, summary: 'A software version with its CVEs',
    description: `Its host count covers the caller's teams (or \`team_id\`); a version on none of them is 404. ${TEAM}`,
    example: async (f) => ({ params: { id: (await f.software()).id }, query: { team_id: f.teamA } }),
  }),
  titles: adminRoute({
    method: 'GET', path: '/software/titles', query: softwareListQuerySchema, response: softwareTitlesResponseSchema,
    permission: { action: 'software:read', on: 'team' }, summary: 'Software titles with their versions, host counts and CVEs',
    description: 'Titles (a name and source, a macOS bundle id or a browser extension) with a version on at least one host of the caller\'s teams '
      + '(or of `team_id`), most installed first unless `order_key` (name, hosts_count) is given; `query` matches the name or a CVE; `vulnerable`, '
      + `\`exploit\`, \`min_cvss_score\` and \`max_cvss_score\` filter by the versions' CVEs. ${TEAM}`,
    example: (f) => ({ query: { per_page: 10, page: 0, team_id: f.teamA } }),
  }),
  title: adminRoute({
    method: 'GET', path: '/software/titles/:id', params: idParams, query: softwareTeamQuerySchema, response: softwareTitleResponseSchema,
    permission: { action: 'software:read', on: 'team' }, summary: 'A software title',
    description: `Its versions with their host counts (most installed first) and CVE ids; a title on none of the caller's hosts is 404. ${TEAM}`,
    example: async (f) => ({ params: { id: (await f.softwareTitle()).id }, query: { team_id: f.teamA } }),
  }),
  hostSoftware: adminRoute({
    method: 'GET', path: '/hosts/:id/software', params: idParams, query: hostSoftwareQuerySchema, response: hostSoftwareResponseSchema,
    permission: { action: 'host:read', on: 'team' }, summary: 'A host\'s software',
    description: 'The titles installed on the host, by name, each with the versions the host has (last opened time, installed paths, CVE ids); '
      + '`query` matches the title name and `vulnerable` keeps titles with a vulnerable version. A host outside the caller\'s teams is 404.',
    example: async (f) => ({ params: { id: (await f.host()).id }, query: { per_page: 20, page: 0 } }),
  }),
};
