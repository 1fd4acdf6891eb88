import type { AgentRow, HostVitalsPatch } from '../host/host-vitals.types';
import type { DetailQuery } from './detail-query.types';
import { compact, nonNegativeInt, ProblemLog, str } from './ingest-values';

/** Placeholder serials that vendors ship in SMBIOS; Fleet ignores them (plus "-1"). */
const INVALID_SERIAL = /default|serial|string/i;

export function ingestOsqueryInfoRow(row: AgentRow): HostVitalsPatch {
  return compact({ osquery_version: str(row, 'version') });
}

export function ingestSystemInfoRow(row: AgentRow): HostVitalsPatch {
  const serial = str(row, 'hardware_serial');
  return compact({
    hostname: str(row, 'hostname'),
    uuid: str(row, 'uuid'),
    computer_name: str(row, 'computer_name'),
    hardware_serial: serial !== undefined && serial !== '-1' && !INVALID_SERIAL.test(serial) ? serial : undefined,
    hardware_vendor: str(row, 'hardware_vendor'),
    hardware_model: str(row, 'hardware_model'),
    hardware_version: str(row, 'hardware_version'),
    memory: nonNegativeInt(row, 'physical_memory'),
    cpu_type: str(row, 'cpu_type'),
    cpu_subtype: str(row, 'cpu_subtype'),
    cpu_brand: str(row, 'cpu_brand'),
    cpu_physical_cores: nonNegativeInt(row, 'cpu_physical_cores'),
    cpu_logical_cores: nonNegativeInt(row, 'cpu_logical_cores'),
  });
}

export const osqueryInfoQuery: DetailQuery = {
  name: 'osquery_info',
  platforms: 'all',
  sql: 'SELECT * FROM osquery_info LIMIT 1;',
  ingest(rows) {
    const log = new ProblemLog('osquery_info');
    const row = log.singleRow(rows);
    const patch = row ? ingestOsqueryInfoRow(row) : {};
    if (row && patch.osquery_version === undefined) log.add('missing version', 0);
    return { kind: 'vitals', patch, problems: log.problems };
  },
};

export const systemInfoQuery: DetailQuery = {
  name: 'system_info',
  platforms: 'all',
  sql: 'SELECT * FROM system_info LIMIT 1;',
  ingest(rows) {
    const log = new ProblemLog('system_info');
    const row = log.singleRow(rows);
    const patch = row ? ingestSystemInfoRow(row) : {};
    if (row && str(row, 'physical_memory') !== undefined && patch.memory === undefined) {
      log.add('physical_memory is not a non-negative integer', 0);
    }
    if (row && patch.hostname === undefined && patch.uuid === undefined) log.add('row has neither hostname nor uuid', 0);
    return { kind: 'vitals', patch, problems: log.problems };
  },
};

export const uptimeQuery: DetailQuery = {
  name: 'uptime',
  platforms: ['linux', 'darwin', 'windows'],
  sql: 'SELECT * FROM uptime LIMIT 1;',
  ingest(rows) {
    const log = new ProblemLog('uptime');
    const row = log.singleRow(rows);
    const seconds = nonNegativeInt(row, 'total_seconds');
    if (row && seconds === undefined) log.add('total_seconds is not a non-negative integer', 0);
    return { kind: 'vitals', patch: compact({ uptime_seconds: seconds }), problems: log.problems };
  },
};

export const osqueryFlagsQuery: DetailQuery = {
  name: 'osquery_flags',
  platforms: ['linux', 'darwin', 'windows'],
  sql:
    "SELECT name, value FROM osquery_flags WHERE name IN ('distributed_plugin', 'distributed_interval', " +
    "'config_tls_refresh', 'config_refresh', 'logger_plugin', 'logger_tls_period');",
  ingest(rows) {
    const log = new ProblemLog('osquery_flags');
    const flags = new Map<string, number>();
    rows.forEach((row, i) => {
      const name = str(row, 'name');
      if (name === undefined || name.endsWith('_plugin')) return;
      const value = nonNegativeInt(row, 'value');
      if (value === undefined) log.add(`flag ${name} has a non-integer value`, i);
      else flags.set(name, value);
    });
    // `config_refresh` is the current name of `config_tls_refresh` and wins when both are reported.
    const refresh = flags.get('config_refresh') ?? flags.get('config_tls_refresh');
    const patch = compact({
      distributed_interval: flags.get('distributed_interval'),
      config_tls_refresh: refresh,
      logger_tls_period: flags.get('logger_tls_period'),
    });
    return { kind: 'vitals', patch, problems: log.problems };
  },
};
