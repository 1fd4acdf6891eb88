import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { softwareApi } from '../api/software.api';
import type { OsVersionListParams, SoftwareListParams, VulnerabilityListParams } from '../api/software.api';

// Every key starts with queryKeys.software.all, so invalidating software refreshes these pages too.
const keys = {
  titles: (params: SoftwareListParams) => [...queryKeys.software.all, 'titles', params] as const,
  title: (id: number, teamId: number | null) => [...queryKeys.software.all, 'title', id, teamId ?? 'all'] as const,
  vulnerabilities: (params: VulnerabilityListParams) => [...queryKeys.software.all, 'vulnerabilities', params] as const,
  vulnerability: (cve: string, teamId: number | null) => [...queryKeys.software.all, 'vulnerability', cve, teamId ?? 'all'] as const,
  osVersions: (params: OsVersionListParams) => [...queryKeys.software.all, 'os-versions', params] as const,
};

/** Software versions with host counts, most installed first unless ordered otherwise. */
export function useSoftware(params: SoftwareListParams, enabled = true) {
  return useQuery({ queryKey: queryKeys.software.list(params), queryFn: ({ signal }) => softwareApi.list(params, signal), placeholderData: keepPreviousData, enabled });
}

/** Software titles with their versions, host counts and CVE ids (one page, with the total `count`). */
export function useSoftwareTitles(params: SoftwareListParams) {
  return useQuery({ queryKey: keys.titles(params), queryFn: ({ signal }) => softwareApi.titles(params, signal), placeholderData: keepPreviousData });
}

export function useSoftwareTitle(id: number, teamId: number | null) {
  return useQuery({ queryKey: keys.title(id, teamId), queryFn: ({ signal }) => softwareApi.title(id, teamId, signal) });
}

/** CVEs found on the fleet's software and OS versions, with CVSS, EPSS, KEV and host counts. */
export function useVulnerabilities(params: VulnerabilityListParams) {
  return useQuery({ queryKey: keys.vulnerabilities(params), queryFn: ({ signal }) => softwareApi.vulnerabilities(params, signal), placeholderData: keepPreviousData });
}

export function useVulnerability(cve: string, teamId: number | null) {
  return useQuery({ queryKey: keys.vulnerability(cve, teamId), queryFn: ({ signal }) => softwareApi.vulnerability(cve, teamId, signal) });
}

export function useOsVersions(params: OsVersionListParams) {
  return useQuery({ queryKey: keys.osVersions(params), queryFn: ({ signal }) => softwareApi.osVersions(params, signal), placeholderData: keepPreviousData });
}
