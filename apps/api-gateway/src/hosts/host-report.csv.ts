import type { HostDto } from '@fleet/contracts';

/** Fleet's default columns of `GET /hosts/report?format=csv` (those this server has). */
export const DEFAULT_REPORT_COLUMNS = ['created_at', 'updated_at', 'id', 'detail_updated_at', 'label_updated_at', 'policy_updated_at',
  'last_enrolled_at', 'seen_time', 'hostname', 'uuid', 'platform', 'osquery_version', 'os_version', 'build', 'platform_like', 'code_name',
  'uptime', 'memory', 'cpu_type', 'cpu_subtype', 'cpu_brand', 'cpu_physical_cores', 'cpu_logical_cores', 'hardware_vendor', 'hardware_model',
  'hardware_version', 'hardware_serial', 'computer_name', 'primary_ip', 'primary_mac', 'distributed_interval', 'config_tls_refresh',
  'logger_tls_period', 'team_id', 'team_name', 'gigs_disk_space_available', 'percent_disk_space_available', 'gigs_total_disk_space',
  'status', 'display_text'] as const;

function cell(v: unknown): string {
  const s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : `${v as string | number | boolean}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV with a header row; unknown column names are rejected at the edge, not here. */
export function hostsCsv(hosts: readonly HostDto[], columns: readonly string[]): string {
  const lines = [columns.join(',')];
  for (const h of hosts) lines.push(columns.map((c) => cell((h as unknown as Record<string, unknown>)[c])).join(','));
  return `${lines.join('\n')}\n`;
}
