import type { HostDetailDto, HostDto, HostListItemDto, HostPopulate } from '@fleet/contracts';
import { hostStatus } from '@fleet/domain';
import type { Host, HostDetailParts, HostLabel, HostPack, HostPolicy, HostSoftware, HostUser } from '@fleet/domain';
import { rfc3339 } from '../core/time.mapper';
import { toCveDto } from '../software/software.mapper';

/** Fleet's `mdm` of a host without MDM (MDM is out of this product's scope). */
const NO_MDM = { encryption_key_available: false, enrollment_status: null, name: '', server_url: null };

/**
 * Fleet's `uptime` is a Go duration: nanoseconds. Hosts keep it in seconds (what osquery's `uptime` table reports);
 * seconds × 10⁹ is exact as a JSON number for any uptime under 146 years (it is 2⁹ × an integer below 2⁵³).
 */
const NANOSECONDS_PER_SECOND = 1_000_000_000;

/** When the host last booted: its detail timestamp minus the uptime (seconds) it reported then; zero time before any detail. */
function lastRestartedAt(h: Host): Date | null {
  if (!h.detailUpdatedAt || h.uptime <= 0) return null;
  return new Date(h.detailUpdatedAt.getTime() - h.uptime * 1000);
}

/** Fleet's host list item, built field by field from the typed host. */
export function toHostDto(h: Host, now: Date): HostDto {
  const status = hostStatus({ seenAt: h.seenTime, createdAt: h.createdAt, distributedInterval: h.distributedInterval, configTlsRefresh: h.configTlsRefresh }, now);
  return {
    created_at: rfc3339(h.createdAt), updated_at: rfc3339(h.updatedAt), id: h.id, detail_updated_at: rfc3339(h.detailUpdatedAt),
    last_restarted_at: rfc3339(lastRestartedAt(h)), software_updated_at: rfc3339(h.softwareUpdatedAt), label_updated_at: rfc3339(h.labelUpdatedAt), policy_updated_at: rfc3339(h.policyUpdatedAt), last_enrolled_at: rfc3339(h.lastEnrolledAt),
    seen_time: rfc3339(h.seenTime ?? h.createdAt), hostname: h.hostname, uuid: h.uuid, platform: h.platform,
    osquery_version: h.osqueryVersion, os_version: h.osVersion, build: h.build, platform_like: h.platformLike,
    code_name: h.codeName, uptime: h.uptime * NANOSECONDS_PER_SECOND, memory: h.memory, cpu_type: h.cpuType,
    cpu_subtype: h.cpuSubtype, cpu_brand: h.cpuBrand, cpu_physical_cores: h.cpuPhysicalCores,
    cpu_logical_cores: h.cpuLogicalCores, hardware_vendor: h.hardwareVendor, hardware_model: h.hardwareModel,
    hardware_version: h.hardwareVersion, hardware_serial: h.hardwareSerial, computer_name: h.computerName,
    display_name: h.computerName || h.hostname, public_ip: h.publicIp, primary_ip: h.primaryIp,
    primary_mac: h.primaryMac, distributed_interval: h.distributedInterval, config_tls_refresh: h.configTlsRefresh,
    logger_tls_period: h.loggerTlsPeriod, team_id: h.teamId, team_name: h.teamName,
    gigs_disk_space_available: h.gigsDiskSpaceAvailable, percent_disk_space_available: h.percentDiskSpaceAvailable,
    gigs_total_disk_space: h.gigsTotalDiskSpace, pack_stats: null,
    issues: { failing_policies_count: h.failingPolicies, critical_vulnerabilities_count: 0, total_issues_count: h.failingPolicies },
    additional: {}, status, display_text: h.hostname, refetch_requested: h.refetchRequested, mdm: NO_MDM,
  };
}

const labelDto = (l: HostLabel) => ({
  created_at: rfc3339(l.createdAt), updated_at: rfc3339(l.updatedAt), id: l.id, name: l.name, description: l.description,
  query: l.query, platform: l.platform, label_type: l.labelType, label_membership_type: l.membershipType, display_text: l.name,
});
const policyDto = (p: HostPolicy) => ({
  id: p.id, name: p.name, query: p.query, description: p.description, resolution: p.resolution, platform: p.platforms, critical: p.critical,
  team_id: p.teamId, author_id: p.authorId, author_name: p.authorName, author_email: p.authorEmail, created_at: rfc3339(p.createdAt),
  updated_at: rfc3339(p.updatedAt), response: p.passes === null ? '' as const : p.passes ? 'pass' as const : 'fail' as const,
});
const softwareDto = (s: HostSoftware, brief = false) => ({
  id: s.id, name: s.name, version: s.version, source: s.source, browser: s.browser, generated_cpe: s.generatedCpe,
  vulnerabilities: s.vulnerabilities.length > 0 ? s.vulnerabilities.map((v) => toCveDto(v, brief)) : null, installed_paths: [...s.installedPaths],
  ...(s.bundleIdentifier ? { bundle_identifier: s.bundleIdentifier } : {}), ...(s.lastOpenedAt ? { last_opened_at: rfc3339(s.lastOpenedAt) } : {}),
});
const userDto = (u: HostUser) => ({ uid: u.uid, username: u.username, type: u.type, groupname: u.groupname, shell: u.shell });
const packDto = (p: HostPack) => ({
  created_at: rfc3339(p.createdAt), updated_at: rfc3339(p.updatedAt), id: p.id, name: p.name, description: p.description, platform: p.platform,
  disabled: p.disabled, type: null, labels: null, label_ids: [...p.labelIds], hosts: null, host_ids: [...p.hostIds], teams: null, team_ids: [...p.teamIds],
});

/** What `populate_*` asked for, per host (absent maps leave the key out). */
export interface HostListExtras {
  readonly software?: ReadonlyMap<number, readonly HostSoftware[]>;
  readonly policies?: ReadonlyMap<number, readonly HostPolicy[]>;
  readonly users?: ReadonlyMap<number, readonly HostUser[]>;
  readonly labels?: ReadonlyMap<number, readonly HostLabel[]>;
}

/** A host of `GET /hosts`: the list item plus the arrays `populate_*` asked for (Fleet's list policy fields only). */
export function toHostListItemDto(h: Host, extras: HostListExtras, populate: HostPopulate, now: Date): HostListItemDto {
  const { software, policies, users, labels } = extras;
  return {
    ...toHostDto(h, now),
    ...(software ? { software: (software.get(h.id) ?? []).map((s) => softwareDto(s, populate.software === 'brief')) } : {}),
    ...(policies ? { policies: (policies.get(h.id) ?? []).map((p) => {
      const d = policyDto(p);
      return { id: d.id, name: d.name, query: d.query, description: d.description, resolution: d.resolution, platform: d.platform, response: d.response, critical: d.critical };
    }) } : {}),
    ...(users ? { users: (users.get(h.id) ?? []).map(userDto) } : {}),
    ...(labels ? { labels: (labels.get(h.id) ?? []).map(labelDto) } : {}),
  };
}

/** Fleet's host detail: the list item plus labels, packs, policies with this host's answer, software and users. */
export function toHostDetailDto(h: Host, parts: HostDetailParts, now: Date): HostDetailDto {
  return {
    ...toHostDto(h, now),
    orbit_version: null, fleet_desktop_version: null, scripts_enabled: null,
    labels: parts.labels.map(labelDto),
    packs: parts.packs.map(packDto),
    policies: parts.policies.map(policyDto),
    software: parts.software.map((s) => softwareDto(s)),
    users: parts.users.map(userDto),
  };
}
