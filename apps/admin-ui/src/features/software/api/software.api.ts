import { softwareRoutes, vulnerabilityRoutes } from '@fleet/contracts';
import type { RouteRequest, RouteResponse } from '@fleet/contracts';
import { callRoute } from '../../../api/http-client';

export type SoftwareVersion = RouteResponse<typeof softwareRoutes.list>['software'][number];
export type SoftwareListParams = RouteRequest<typeof softwareRoutes.list>['query'];
export type SoftwareTitle = RouteResponse<typeof softwareRoutes.titles>['software_titles'][number];
export type SoftwareTitleDetail = RouteResponse<typeof softwareRoutes.title>['software_title'];
export type Vulnerability = RouteResponse<typeof vulnerabilityRoutes.list>['vulnerabilities'][number];
export type VulnerabilityListParams = RouteRequest<typeof vulnerabilityRoutes.list>['query'];
export type VulnerabilityDetail = NonNullable<RouteResponse<typeof vulnerabilityRoutes.get>>['vulnerability'];
export type OsVersion = RouteResponse<typeof vulnerabilityRoutes.osVersions>['os_versions'][number];
export type OsVersionListParams = RouteRequest<typeof vulnerabilityRoutes.osVersions>['query'];

/** `team_id` as the API takes it: absent for the caller's teams. */
const team = (teamId: number | null) => (teamId === null ? {} : { team_id: String(teamId) });

/** Software versions and titles, the CVEs found in them, and OS versions (one bounded context on the server too). */
export const softwareApi = {
  list: (query: SoftwareListParams, signal?: AbortSignal) => callRoute(softwareRoutes.list, { query }, { signal }),
  get: (id: number, signal?: AbortSignal) => callRoute(softwareRoutes.get, { params: { id }, query: {} }, { signal }),
  titles: (query: SoftwareListParams, signal?: AbortSignal) => callRoute(softwareRoutes.titles, { query }, { signal }),
  title: async (id: number, teamId: number | null, signal?: AbortSignal) =>
    (await callRoute(softwareRoutes.title, { params: { id }, query: team(teamId) }, { signal })).software_title,
  vulnerabilities: (query: VulnerabilityListParams, signal?: AbortSignal) => callRoute(vulnerabilityRoutes.list, { query }, { signal }),
  /** null when the CVE is known but affects none of the caller's hosts (the API's 204). */
  vulnerability: async (cve: string, teamId: number | null, signal?: AbortSignal): Promise<VulnerabilityDetail | null> =>
    (await callRoute(vulnerabilityRoutes.get, { params: { cve }, query: team(teamId) }, { signal }))?.vulnerability ?? null,
  osVersions: (query: OsVersionListParams, signal?: AbortSignal) => callRoute(vulnerabilityRoutes.osVersions, { query }, { signal }),
};
