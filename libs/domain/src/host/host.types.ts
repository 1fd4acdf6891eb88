import type { FoundCve } from '../software/software.types';
import type { HostUser } from './host-vitals.types';

/**
 * A host as the admin API reads it: the stored vitals (Fleet's column meanings), when it was last seen, its
 * team's name and how many policies it fails. Internal columns (node key, osquery host id) are not part of it,
 * so no mapper can leak them. The agent side reads the smaller `AgentHost`.
 */
export interface Host {
  readonly id: number;
  readonly teamId: number | null;
  readonly teamName: string | null;
  readonly uuid: string;
  readonly hostname: string;
  readonly computerName: string;
  readonly hardwareSerial: string;
  readonly hardwareVendor: string;
  readonly hardwareModel: string;
  readonly hardwareVersion: string;
  readonly platform: string;
  readonly platformLike: string;
  readonly osVersion: string;
  readonly build: string;
  readonly codeName: string;
  readonly osqueryVersion: string;
  /** Physical memory in bytes. */
  readonly memory: number;
  /** Seconds since boot, as last reported. */
  readonly uptime: number;
  readonly cpuType: string;
  readonly cpuSubtype: string;
  readonly cpuBrand: string;
  readonly cpuPhysicalCores: number;
  readonly cpuLogicalCores: number;
  readonly primaryIp: string;
  readonly primaryMac: string;
  readonly publicIp: string;
  readonly gigsDiskSpaceAvailable: number;
  readonly percentDiskSpaceAvailable: number;
  readonly gigsTotalDiskSpace: number;
  /** Seconds; with `configTlsRefresh` they feed the online rule (`hostStatus`). */
  readonly distributedInterval: number;
  readonly configTlsRefresh: number;
  readonly loggerTlsPeriod: number;
  /** An admin asked for fresh details; the next check-in runs every detail query. */
  readonly refetchRequested: boolean;
  readonly detailUpdatedAt: Date;
  readonly labelUpdatedAt: Date;
  readonly policyUpdatedAt: Date;
  readonly lastEnrolledAt: Date;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** Null until the first check-in after enrollment is recorded. */
  readonly seenTime: Date | null;
  readonly failingPolicies: number;
  /** When the host's software inventory last changed; null before its first inventory. */
  readonly softwareUpdatedAt: Date | null;
}

/** A label the host belongs to, as shown on the host's detail. */
export interface HostLabel {
  readonly id: number;
  readonly name: string;
  readonly description: string;
  readonly query: string;
  readonly platform: string;
  readonly labelType: 'regular' | 'builtin';
  readonly membershipType: 'dynamic' | 'manual';
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A policy that applies to the host (global or of its team) with the host's latest answer. */
export interface HostPolicy {
  readonly id: number;
  readonly name: string;
  readonly query: string;
  readonly description: string;
  readonly resolution: string;
  /** Fleet's comma-separated platform list; empty = every platform. */
  readonly platforms: string;
  readonly critical: boolean;
  readonly teamId: number | null;
  readonly authorId: number | null;
  /** The author's name and email; empty when the author was deleted. */
  readonly authorName: string;
  readonly authorEmail: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** Null while the host has not answered the policy yet. */
  readonly passes: boolean | null;
}

/** A software version installed on the host. */
export interface HostSoftware {
  readonly id: number;
  readonly name: string;
  readonly version: string;
  readonly source: string;
  readonly vendor: string;
  readonly release: string;
  readonly arch: string;
  readonly bundleIdentifier: string;
  /** Only macOS apps report it. */
  readonly lastOpenedAt: Date | null;
  /** The browser of an extension; empty otherwise. */
  readonly browser: string;
  /** The CPE the vulnerabilities schedule matched; empty when none. */
  readonly generatedCpe: string;
  /** Where the host has it installed (at most one path is kept per host and version). */
  readonly installedPaths: readonly string[];
  /** The CVEs found on this version. */
  readonly vulnerabilities: readonly FoundCve[];
}

/** The arrays of a host's detail (fleet-admin-api.md §1.3 "Get host"); `software` is empty when excluded. */
/** A 2017 pack that applies to the host: it targets the host, one of its labels or its team. */
export interface HostPack {
  readonly id: number;
  readonly name: string;
  readonly description: string;
  readonly platform: string;
  readonly disabled: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly hostIds: readonly number[];
  readonly labelIds: readonly number[];
  readonly teamIds: readonly number[];
}

export interface HostDetailParts {
  readonly labels: readonly HostLabel[];
  readonly policies: readonly HostPolicy[];
  readonly software: readonly HostSoftware[];
  readonly users: readonly HostUser[];
  readonly packs: readonly HostPack[];
}
