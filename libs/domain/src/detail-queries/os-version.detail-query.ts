import type { AgentRow, HostVitalsPatch } from '../host/host-vitals.types';
import type { DetailQuery } from './detail-query.types';
import { compact, ProblemLog, str } from './ingest-values';

/** "22.04.4 LTS (Jammy Jellyfish)" → "22.04.4 LTS"; falls back to major.minor.patch when version is empty. */
function versionText(row: AgentRow): string | undefined {
  const version = str(row, 'version')?.replace(/\s*\([^)]*\)\s*$/, '');
  if (version) return version;
  const parts = [str(row, 'major'), str(row, 'minor'), str(row, 'patch')].filter((p): p is string => p !== undefined);
  return parts.length > 0 ? parts.join('.') : undefined;
}

export function ingestOsVersionRow(row: AgentRow): HostVitalsPatch {
  const name = str(row, 'name');
  let platform = str(row, 'platform')?.toLowerCase();
  // osquery on CentOS 6 reports an empty platform; Fleet falls back to the name.
  if (platform === undefined && name?.toLowerCase().includes('centos')) platform = 'centos';
  const version = versionText(row);
  // On Windows the human readable version comes from os_version_windows (display version lives in the registry).
  const osVersion = platform !== 'windows' && name !== undefined ? [name, version].filter(Boolean).join(' ') : undefined;
  return compact({
    platform,
    platform_like: str(row, 'platform_like'),
    code_name: str(row, 'codename'),
    build: str(row, 'build'),
    os_version: osVersion,
  });
}

export const osVersionQuery: DetailQuery = {
  name: 'os_version',
  platforms: 'all',
  sql: 'SELECT * FROM os_version LIMIT 1;',
  ingest(rows) {
    const log = new ProblemLog('os_version');
    const row = log.singleRow(rows);
    const patch = row ? ingestOsVersionRow(row) : {};
    if (row && patch.platform === undefined) log.add('os_version row has no platform', 0);
    return { kind: 'vitals', patch, problems: log.problems };
  },
};

export const osVersionWindowsQuery: DetailQuery = {
  name: 'os_version_windows',
  platforms: ['windows'],
  sql:
    'SELECT os.name, COALESCE((SELECT data FROM registry WHERE path = ' +
    "'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\DisplayVersion'), '') AS display_version, " +
    'k.version AS version FROM os_version os, kernel_info k LIMIT 1;',
  ingest(rows) {
    const log = new ProblemLog('os_version_windows');
    const row = log.singleRow(rows);
    const name = str(row, 'name')?.replace(/^Microsoft\s+/i, '');
    if (row && name === undefined) log.add('missing name', 0);
    const text = name === undefined ? undefined : [name, str(row, 'display_version'), str(row, 'version')].filter(Boolean).join(' ');
    return { kind: 'vitals', patch: compact({ os_version: text }), problems: log.problems };
  },
};
