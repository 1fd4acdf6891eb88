import type { HostVitalsPatch } from '../host/host-vitals.types';
import { platformFamily } from '../platform/platform.rule';
import type { DetailQuery, DetailQueryFeature, DetailQueryName } from './detail-query.types';
import { diskSpaceUnixQuery, diskSpaceWindowsQuery } from './disk-space.detail-query';
import {
  ingestOsqueryInfoRow,
  ingestSystemInfoRow,
  osqueryFlagsQuery,
  osqueryInfoQuery,
  systemInfoQuery,
  uptimeQuery,
} from './host-info.detail-query';
import {
  networkInterfaceChromeQuery,
  networkInterfaceUnixQuery,
  networkInterfaceWindowsQuery,
} from './network-interface.detail-query';
import { ingestOsVersionRow, osVersionQuery, osVersionWindowsQuery } from './os-version.detail-query';
import { softwareLinuxQuery, softwareMacosQuery, softwareWindowsQuery } from './software.detail-query';
import { usersQuery } from './users.detail-query';

/** Every detail query this server knows, in the order they are sent. */
export const DETAIL_QUERIES: readonly DetailQuery[] = [
  osVersionQuery,
  osVersionWindowsQuery,
  osqueryInfoQuery,
  systemInfoQuery,
  uptimeQuery,
  osqueryFlagsQuery,
  networkInterfaceUnixQuery,
  networkInterfaceWindowsQuery,
  networkInterfaceChromeQuery,
  diskSpaceUnixQuery,
  diskSpaceWindowsQuery,
  usersQuery,
  softwareLinuxQuery,
  softwareMacosQuery,
  softwareWindowsQuery,
];

const BY_NAME: ReadonlyMap<string, DetailQuery> = new Map(DETAIL_QUERIES.map((q) => [q.name, q]));

/** Looks up by the bare name (without `fleet_detail_query_`); undefined for names this server never sends. */
export function detailQueryByName(name: string): DetailQuery | undefined {
  return BY_NAME.get(name);
}

export function isDetailQueryName(name: string): name is DetailQueryName {
  return BY_NAME.has(name);
}

export interface DetailQueryOptions {
  /** `features.enable_software_inventory`, default true. */
  readonly softwareInventory?: boolean;
  /** `features.enable_host_users`, default true. */
  readonly hostUsers?: boolean;
}

function featureEnabled(feature: DetailQueryFeature | undefined, options: DetailQueryOptions): boolean {
  switch (feature) {
    case undefined:
      return true;
    case 'software_inventory':
      return options.softwareInventory ?? true;
    case 'host_users':
      return options.hostUsers ?? true;
  }
}

/**
 * The detail queries to send to a host. `platform` may be a raw osquery platform ("ubuntu") or a family
 * ("linux"). A host with an unknown or empty platform only gets the queries that run everywhere, which is how
 * it reports its platform in the first place (same as Fleet's RunsForPlatform with an empty platform).
 */
export function detailQueriesFor(platform: string | null, options: DetailQueryOptions = {}): DetailQuery[] {
  const family = platformFamily(platform);
  return DETAIL_QUERIES.filter(
    (q) =>
      featureEnabled(q.feature, options) && (q.platforms === 'all' || (family !== null && q.platforms.includes(family))),
  );
}

export interface EnrollHostDetails {
  readonly os_version?: Readonly<Record<string, string>>;
  readonly osquery_info?: Readonly<Record<string, string>>;
  readonly system_info?: Readonly<Record<string, string>>;
}

/**
 * Vitals carried by the enroll request's `host_details` (first row of each table), ingested with the same
 * rules as the matching detail queries so a host has a platform and hostname from its first request.
 */
export function ingestEnrollHostDetails(details: EnrollHostDetails): HostVitalsPatch {
  return {
    ...(details.os_version ? ingestOsVersionRow(details.os_version) : {}),
    ...(details.osquery_info ? ingestOsqueryInfoRow(details.osquery_info) : {}),
    ...(details.system_info ? ingestSystemInfoRow(details.system_info) : {}),
  };
}
