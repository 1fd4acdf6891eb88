import type { HostDetailDto, HostDto } from '@fleet/contracts';
import { hostStatus } from '@fleet/domain';
import type { HostPolicyRow, HostRecord } from '@fleet/persistence';
import { rfc3339 } from '../core/time.mapper';

type Row = Readonly<Record<string, unknown>>;
const str = (r: Row, k: string): string => String((r[k] as string | number | null | undefined) ?? '');
const num = (r: Row, k: string): number => Number(r[k] ?? 0);
const time = (r: Row, k: string): string => rfc3339((r[k] as Date | null) ?? null);

/** Fleet's host list item, built field by field: node keys and other internal columns never leave. */
export function toHostDto(h: HostRecord, now: Date): HostDto {
  const r = h.row;
  const status = hostStatus({ seenAt: h.seenTime, createdAt: h.createdAt, distributedInterval: num(r, 'distributed_interval'), configTlsRefresh: num(r, 'config_tls_refresh') }, now);
  const hostname = str(r, 'hostname');
  return {
    created_at: time(r, 'created_at'), updated_at: time(r, 'updated_at'), id: h.id, detail_updated_at: time(r, 'detail_updated_at'),
    label_updated_at: time(r, 'label_updated_at'), policy_updated_at: time(r, 'policy_updated_at'), last_enrolled_at: time(r, 'last_enrolled_at'),
    seen_time: rfc3339(h.seenTime ?? h.createdAt), hostname, uuid: str(r, 'uuid'), platform: str(r, 'platform'),
    osquery_version: str(r, 'osquery_version'), os_version: str(r, 'os_version'), build: str(r, 'build'), platform_like: str(r, 'platform_like'),
    code_name: str(r, 'code_name'), uptime: num(r, 'uptime'), memory: num(r, 'memory'), cpu_type: str(r, 'cpu_type'),
    cpu_subtype: str(r, 'cpu_subtype'), cpu_brand: str(r, 'cpu_brand'), cpu_physical_cores: num(r, 'cpu_physical_cores'),
    cpu_logical_cores: num(r, 'cpu_logical_cores'), hardware_vendor: str(r, 'hardware_vendor'), hardware_model: str(r, 'hardware_model'),
    hardware_version: str(r, 'hardware_version'), hardware_serial: str(r, 'hardware_serial'), computer_name: str(r, 'computer_name'),
    display_name: str(r, 'computer_name') || hostname, public_ip: str(r, 'public_ip'), primary_ip: str(r, 'primary_ip'),
    primary_mac: str(r, 'primary_mac'), distributed_interval: num(r, 'distributed_interval'), config_tls_refresh: num(r, 'config_tls_refresh'),
    logger_tls_period: num(r, 'logger_tls_period'), team_id: h.teamId, team_name: h.teamName,
    gigs_disk_space_available: num(r, 'gigs_disk_space_available'), percent_disk_space_available: num(r, 'percent_disk_space_available'),
    gigs_total_disk_space: num(r, 'gigs_total_disk_space'), pack_stats: null,
    issues: { failing_policies_count: h.failingPolicies, critical_vulnerabilities_count: 0, total_issues_count: h.failingPolicies },
    additional: {}, status, display_text: hostname,
  };
}

export interface HostExtras {
  readonly labels: Row[];
  readonly policies: HostPolicyRow[];
  readonly software: Row[];
  readonly users: Row[];
}

const LABEL_TYPES = ['regular', 'builtin'] as const;
const MEMBERSHIP = ['dynamic', 'manual'] as const;

export function toHostDetailDto(h: HostRecord, extras: HostExtras, now: Date): HostDetailDto {
  return {
    ...toHostDto(h, now),
    refetch_requested: Number(h.row['refetch_requested']) === 1,
    labels: extras.labels.map((l) => ({
      created_at: time(l, 'created_at'), updated_at: time(l, 'updated_at'), id: num(l, 'id'), name: str(l, 'name'), description: str(l, 'description'),
      query: str(l, 'query'), platform: str(l, 'platform'), label_type: LABEL_TYPES[num(l, 'label_type')] ?? 'regular',
      label_membership_type: MEMBERSHIP[num(l, 'label_membership_type')] ?? 'dynamic', display_text: str(l, 'name'),
    })),
    packs: [],
    policies: extras.policies.map(({ row: p, passes }) => ({
      id: num(p, 'id'), name: str(p, 'name'), query: str(p, 'query'), description: str(p, 'description'), resolution: str(p, 'resolution'),
      platform: str(p, 'platforms'), critical: num(p, 'critical') === 1, team_id: p['team_id'] === null ? null : num(p, 'team_id'),
      author_id: p['author_id'] === null ? null : num(p, 'author_id'), created_at: time(p, 'created_at'), updated_at: time(p, 'updated_at'),
      response: passes === null ? '' : passes ? 'pass' : 'fail',
    })),
    software: extras.software.map((s) => ({
      id: num(s, 'id'), name: str(s, 'name'), version: str(s, 'version'), source: str(s, 'source'), browser: '', generated_cpe: '',
      vulnerabilities: null, installed_paths: [], ...(s['last_opened_at'] ? { last_opened_at: time(s, 'last_opened_at') } : {}),
    })),
    users: extras.users.map((u) => ({ uid: num(u, 'uid'), username: str(u, 'username'), type: str(u, 'user_type'), groupname: str(u, 'groupname'), shell: str(u, 'shell') })),
  };
}
