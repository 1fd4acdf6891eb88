import type { HostVitalsPatch } from '@fleet/domain';

/** Vitals fields and the hosts columns they are stored in. `uptime` is kept in seconds. */
const COLUMN_OF: Readonly<Record<keyof HostVitalsPatch, string>> = {
  hostname: 'hostname',
  uuid: 'uuid',
  computer_name: 'computer_name',
  hardware_serial: 'hardware_serial',
  hardware_vendor: 'hardware_vendor',
  hardware_model: 'hardware_model',
  hardware_version: 'hardware_version',
  platform: 'platform',
  platform_like: 'platform_like',
  code_name: 'code_name',
  build: 'build',
  os_version: 'os_version',
  osquery_version: 'osquery_version',
  memory: 'memory',
  uptime_seconds: 'uptime',
  cpu_type: 'cpu_type',
  cpu_subtype: 'cpu_subtype',
  cpu_brand: 'cpu_brand',
  cpu_physical_cores: 'cpu_physical_cores',
  cpu_logical_cores: 'cpu_logical_cores',
  primary_ip: 'primary_ip',
  primary_mac: 'primary_mac',
  gigs_disk_space_available: 'gigs_disk_space_available',
  percent_disk_space_available: 'percent_disk_space_available',
  gigs_total_disk_space: 'gigs_total_disk_space',
  distributed_interval: 'distributed_interval',
  config_tls_refresh: 'config_tls_refresh',
  logger_tls_period: 'logger_tls_period',
};

const TEXT_LIMIT = 255;

/** `col = ?, col = ?` and its parameters for the fields present in a patch; strings are cut to the column size. */
export function vitalsAssignments(patch: HostVitalsPatch): [string, unknown[]] {
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const [field, value] of Object.entries(patch) as Array<[keyof HostVitalsPatch, unknown]>) {
    const column = COLUMN_OF[field];
    if (!column || value === undefined || value === null) continue;
    if (typeof value === 'number' && !Number.isFinite(value)) continue;
    parts.push(`\`${column}\` = ?`);
    params.push(typeof value === 'string' ? value.slice(0, TEXT_LIMIT) : value);
  }
  return [parts.join(', '), params];
}

/** The columns (in a fixed order) and values of the fields present in a patch, for an INSERT's column list. */
export function vitalsColumns(patch: HostVitalsPatch): [string[], unknown[]] {
  const columns: string[] = [];
  const values: unknown[] = [];
  for (const [field, column] of Object.entries(COLUMN_OF) as Array<[keyof HostVitalsPatch, string]>) {
    const value = patch[field] as unknown;
    if (value === undefined || value === null) continue;
    if (typeof value === 'number' && !Number.isFinite(value)) continue;
    columns.push(column);
    values.push(typeof value === 'string' ? value.slice(0, TEXT_LIMIT) : value);
  }
  return [columns, values];
}
