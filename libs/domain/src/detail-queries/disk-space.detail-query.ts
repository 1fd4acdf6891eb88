import type { AgentRow, HostVitalsPatch } from '../host/host-vitals.types';
import type { DetailQuery } from './detail-query.types';
import { num, ProblemLog, round2, str } from './ingest-values';

/** Fleet reports decimal gigabytes (bytes × 10e-10) rounded to two places. */
const BYTES_PER_GIG = 1e9;

function fromBytes(available: number, total: number): HostVitalsPatch | undefined {
  if (!(total > 0) || available < 0 || available > total) return undefined;
  return {
    gigs_disk_space_available: round2(available / BYTES_PER_GIG),
    gigs_total_disk_space: round2(total / BYTES_PER_GIG),
    percent_disk_space_available: round2((available * 100) / total),
  };
}

/** Agents (or simulators) that answer with Fleet's pre-computed columns instead of raw sizes. */
function fromComputed(row: AgentRow): HostVitalsPatch | undefined {
  const available = num(row, 'gigs_disk_space_available');
  const total = num(row, 'gigs_total_disk_space');
  const percent = num(row, 'percent_disk_space_available');
  if (available === undefined || total === undefined || percent === undefined) return undefined;
  if (available < 0 || total < 0 || percent < 0 || percent > 100) return undefined;
  return {
    gigs_disk_space_available: round2(available),
    gigs_total_disk_space: round2(total),
    percent_disk_space_available: round2(percent),
  };
}

function fromBlocks(row: AgentRow): HostVitalsPatch | undefined {
  const blocks = num(row, 'blocks');
  const free = num(row, 'blocks_available');
  const size = num(row, 'blocks_size');
  if (blocks === undefined || free === undefined || size === undefined) return undefined;
  return fromBytes(free * size, blocks * size);
}

export const diskSpaceUnixQuery: DetailQuery = {
  name: 'disk_space_unix',
  platforms: ['linux', 'darwin'],
  sql:
    'SELECT blocks, blocks_available, blocks_size, ' +
    '(blocks_available * 100 / blocks) AS percent_disk_space_available, ' +
    'round((blocks_available * blocks_size * 10e-10), 2) AS gigs_disk_space_available, ' +
    "round((blocks * blocks_size * 10e-10), 2) AS gigs_total_disk_space FROM mounts WHERE path = '/' LIMIT 1;",
  ingest(rows) {
    const log = new ProblemLog('disk_space_unix');
    const row = log.singleRow(rows);
    const patch = row ? (fromBlocks(row) ?? fromComputed(row)) : undefined;
    if (row && patch === undefined) log.add('root mount sizes are missing or inconsistent', 0);
    return { kind: 'vitals', patch: patch ?? {}, problems: log.problems };
  },
};

/** The system drive: the boot partition, else C:, else the first NTFS drive reported. */
function systemDrive(rows: readonly AgentRow[]): AgentRow | undefined {
  return (
    rows.find((r) => str(r, 'boot_partition') === '1') ??
    rows.find((r) => str(r, 'device_id')?.toUpperCase() === 'C:') ??
    rows[0]
  );
}

export const diskSpaceWindowsQuery: DetailQuery = {
  name: 'disk_space_windows',
  platforms: ['windows'],
  sql: "SELECT device_id, boot_partition, free_space, size FROM logical_drives WHERE file_system = 'NTFS';",
  ingest(rows) {
    const log = new ProblemLog('disk_space_windows');
    const row = systemDrive(rows);
    if (row === undefined) {
      log.add('no NTFS drive reported');
      return { kind: 'vitals', patch: {}, problems: log.problems };
    }
    const free = num(row, 'free_space');
    const size = num(row, 'size');
    const patch = (free !== undefined && size !== undefined ? fromBytes(free, size) : undefined) ?? fromComputed(row);
    if (patch === undefined) log.add('system drive sizes are missing or inconsistent', rows.indexOf(row));
    return { kind: 'vitals', patch: patch ?? {}, problems: log.problems };
  },
};
