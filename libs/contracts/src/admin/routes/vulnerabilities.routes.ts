import {
  cveParams, osVersionListQuerySchema, osVersionListResponseSchema, osVersionQuerySchema, osVersionResponseSchema, osVersionTeamQuerySchema, vulnerabilitiesQuerySchema,
  vulnerabilitiesResponseSchema, vulnerabilityResponseSchema,
} from '../vulnerability.schema';
import { adminRoute } from './admin-route';
import { idParams } from './route-params.schema';

const TEAM = 'A `team_id` needs a reading role on that team (0 = no team: global readers only); without it, the caller\'s teams.';
const COUNTS = '`counts_updated_at` is the end of the latest `vulnerabilities` run, which refreshes the host counts.';

/** CVEs found in the fleet and operating system versions (fleet-admin-api.md §1.14). */
export const vulnerabilityRoutes = {
  list: adminRoute({
    method: 'GET', path: '/vulnerabilities', query: vulnerabilitiesQuerySchema, response: vulnerabilitiesResponseSchema,
    permission: { action: 'software:read', on: 'team' }, summary: 'CVEs affecting software or OS versions of the caller\'s hosts',
    description: 'Newest first unless `order_key` (cve, cvss_score, epss_probability, cve_published, created_at, hosts_count) is given; `query` '
      + `matches the CVE id and \`exploit\` keeps CISA known-exploited ones. ${COUNTS} ${TEAM}`,
    example: (f) => ({ query: { per_page: 10, page: 0, team_id: f.teamA } }),
  }),
  get: adminRoute({
    method: 'GET', path: '/vulnerabilities/:cve', params: cveParams, query: osVersionTeamQuerySchema, response: vulnerabilityResponseSchema,
    permission: { action: 'software:read', on: 'team' }, summary: 'A CVE with the software and OS versions it affects',
    description: `204 with no body when the CVE is known (in the feeds or found before) but affects none of the caller's hosts; 404 when unknown. ${TEAM}`,
    example: async (f) => ({ params: { cve: (await f.vulnerability()).cve }, query: { team_id: f.teamA } }),
  }),
  osVersions: adminRoute({
    method: 'GET', path: '/os_versions', query: osVersionListQuerySchema, response: osVersionListResponseSchema,
    permission: { action: 'host:read', on: 'team' }, summary: 'Operating system versions with host counts and CVEs',
    description: `Most hosts first; \`platform\`, and \`os_name\` with \`os_version\`, narrow it. OS CVEs come from Microsoft's updates (Windows) and NVD (macOS); `
      + '`vulnerabilities_count` counts them and `max_vulnerabilities` lists at most that many per version (the UI asks for 3; all when absent). '
      + `${COUNTS} ${TEAM}`,
    example: (f) => ({ query: { per_page: 10, page: 0, team_id: f.teamA, max_vulnerabilities: 3 } }),
  }),
  osVersion: adminRoute({
    method: 'GET', path: '/os_versions/:id', params: idParams, query: osVersionQuerySchema, response: osVersionResponseSchema,
    permission: { action: 'host:read', on: 'team' }, summary: 'An operating system version',
    description: `Its host count and CVEs (\`max_vulnerabilities\` lists at most that many; \`vulnerabilities_count\` counts them all); a version on none of the caller's hosts is 404. ${TEAM}`,
    example: async (f) => ({ params: { id: (await f.osVersion()).id }, query: { team_id: f.teamA } }),
  }),
};
