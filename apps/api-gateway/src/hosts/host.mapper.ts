import type { HostDetailDto, HostDto } from '@fleet/contracts';
import { hostStatus } from '@fleet/domain';
import type { Host, HostDetailParts } from '@fleet/domain';
import { rfc3339 } from '../core/time.mapper';

/** Fleet's host list item, built field by field from the typed host. */
export function toHostDto(h: Host, now: Date): HostDto {
  const status = hostStatus({ seenAt: h.seenTime, createdAt: h.createdAt, distributedInterval: h.distributedInterval, configTlsRefresh: h.configTlsRefresh }, now);
  return {
    created_at: rfc3339(h.createdAt), updated_at: rfc3339(h.updatedAt), id: h.id, detail_updated_at: rfc3339(h.detailUpdatedAt),
    label_updated_at: rfc3339(h.labelUpdatedAt), policy_updated_at: rfc3339(h.policyUpdatedAt), last_enrolled_at: rfc3339(h.lastEnrolledAt),
    seen_time: rfc3339(h.seenTime ?? h.createdAt), hostname: h.hostname, uuid: h.uuid, platform: h.platform,
    osquery_version: h.osqueryVersion, os_version: h.osVersion, build: h.build, platform_like: h.platformLike,
    code_name: h.codeName, uptime: h.uptime, memory: h.memory, cpu_type: h.cpuType,
    cpu_subtype: h.cpuSubtype, cpu_brand: h.cpuBrand, cpu_physical_cores: h.cpuPhysicalCores,
    cpu_logical_cores: h.cpuLogicalCores, hardware_vendor: h.hardwareVendor, hardware_model: h.hardwareModel,
    hardware_version: h.hardwareVersion, hardware_serial: h.hardwareSerial, computer_name: h.computerName,
    display_name: h.computerName || h.hostname, public_ip: h.publicIp, primary_ip: h.primaryIp,
    primary_mac: h.primaryMac, distributed_interval: h.distributedInterval, config_tls_refresh: h.configTlsRefresh,
    logger_tls_period: h.loggerTlsPeriod, team_id: h.teamId, team_name: h.teamName,
    gigs_disk_space_available: h.gigsDiskSpaceAvailable, percent_disk_space_available: h.percentDiskSpaceAvailable,
    gigs_total_disk_space: h.gigsTotalDiskSpace, pack_stats: null,
    issues: { failing_policies_count: h.failingPolicies, critical_vulnerabilities_count: 0, total_issues_count: h.failingPolicies },
    additional: {}, status, display_text: h.hostname,
  };
}

/** Fleet's host detail: the list item plus labels, policies with this host's answer, software and users. */
export function toHostDetailDto(h: Host, parts: HostDetailParts, now: Date): HostDetailDto {
  return {
    ...toHostDto(h, now),
    refetch_requested: h.refetchRequested,
    labels: parts.labels.map((l) => ({
      created_at: rfc3339(l.createdAt), updated_at: rfc3339(l.updatedAt), id: l.id, name: l.name, description: l.description,
      query: l.query, platform: l.platform, label_type: l.labelType, label_membership_type: l.membershipType, display_text: l.name,
    })),
    packs: [],
    policies: parts.policies.map((p) => ({
      id: p.id, name: p.name, query: p.query, description: p.description, resolution: p.resolution, platform: p.platforms, critical: p.critical,
      team_id: p.teamId, author_id: p.authorId, created_at: rfc3339(p.createdAt), updated_at: rfc3339(p.updatedAt),
      response: p.passes === null ? '' : p.passes ? 'pass' : 'fail',
    })),
    software: parts.software.map((s) => ({
      id: s.id, name: s.name, version: s.version, source: s.source, browser: '', generated_cpe: '',
      vulnerabilities: null, installed_paths: [], ...(s.lastOpenedAt ? { last_opened_at: rfc3339(s.lastOpenedAt) } : {}),
    })),
    users: parts.users.map((u) => ({ uid: u.uid, username: u.username, type: u.type, groupname: u.groupname, shell: u.shell })),
  };
}
