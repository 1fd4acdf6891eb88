import type { DataSource } from 'typeorm';
import { vitalsColumns } from './host-vitals.columns';
import type { EnrollInput } from './agent-host.types';
import { AGENT_HOST_COLUMNS } from './agent-host.row';
import type { HostRow } from './agent-host.row';
import { errorCode } from './deadlock-retry';
import { sqlTime } from './sql-values';

/** Most enrolls written by one batch of statements. */
export const ENROLLS_PER_BATCH = 500;

const FIXED_COLUMNS = ['osquery_host_id', 'node_key', 'team_id', 'refetch_requested', 'last_enrolled_at', 'public_ip'];

/**
 * One multi-row INSERT for hosts whose vitals differ in which columns they carry (each osquery version and
 * platform sends its own set): the columns are the union, and a host without one of them gets `DEFAULT`, as if
 * the column had been left out of its own INSERT.
 */
function hostsInsert(inputs: readonly EnrollInput[]): { sql: string; params: unknown[] } {
  const rows = inputs.map((input) => {
    const [columns, values] = vitalsColumns(input.vitals);
    return { input, byColumn: new Map(columns.map((c, i) => [c, values[i]])) };
  });
  const vitals = [...new Set(rows.flatMap((r) => [...r.byColumn.keys()]))];
  const params: unknown[] = [];
  const tuples = rows.map(({ input, byColumn }) => {
    params.push(input.identifier, input.nodeKey, input.teamId, 1, sqlTime(input.now.getTime()), input.publicIp);
    const marks = FIXED_COLUMNS.map(() => '?');
    for (const column of vitals) {
      if (!byColumn.has(column)) {
        marks.push('DEFAULT');
        continue;
      }
      marks.push('?');
      params.push(byColumn.get(column));
    }
    return `(${marks.join(', ')})`;
  });
  const columns = [...FIXED_COLUMNS, ...vitals].map((c) => `\`${c}\``).join(', ');
  return { sql: `INSERT INTO hosts (${columns}) VALUES ${tuples.join(', ')}`, params };
}

/** Statements that do not depend on each other, run at once; fails with the first error once all have ended. */
async function together(work: ReadonlyArray<Promise<unknown>>): Promise<void> {
  const failed = (await Promise.allSettled(work)).find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
}

/**
 * Enrolls of identifiers not expected in `hosts`, written for the whole batch with three round trips to MySQL
 * instead of five statements per host: the hosts in one multi-row INSERT (beside it, the All Hosts label's id),
 * then their rows read back by their new node keys, then their All Hosts membership and seen times together.
 * Under a storm the server's event loop is busy and every round trip waits a turn of it, so the enrolls'
 * latency follows the number of round trips more than the statements' own time.
 *
 * When one identifier of the batch already exists (another replica or an earlier enroll created it), the
 * INSERT fails on the unique key and inserts nothing: `refused` is true, and the caller sorts the batch out.
 * Otherwise returns the inserted hosts' rows by identifier.
 */
export async function insertNewHosts(ds: DataSource, inputs: readonly EnrollInput[]): Promise<{ rows: Map<string, HostRow>; refused: boolean }> {
  const rows = new Map<string, HostRow>();
  if (inputs.length === 0) return { rows, refused: false };
  const insert = hostsInsert(inputs);
  const labels = ds.query<Array<{ id: number }>>("SELECT id FROM labels WHERE name = 'All Hosts' AND label_type = 1");
  try {
    await together([ds.query(insert.sql, insert.params), labels]);
  } catch (err) {
    if (errorCode(err) !== 'ER_DUP_ENTRY') throw err;
    return { rows, refused: true };
  }
  // The node keys are new and unique to this batch: they name exactly the rows just inserted.
  const found = await ds.query<HostRow[]>(`SELECT ${AGENT_HOST_COLUMNS} FROM hosts WHERE node_key IN (?)`, [inputs.map((i) => i.nodeKey)]);
  for (const row of found) rows.set(String(row['osquery_host_id']), row);
  const seen = inputs.filter((i) => rows.has(i.identifier));
  if (seen.length === 0) return { rows, refused: false };
  const hostIds = seen.map((i) => Number(rows.get(i.identifier)?.['id']));
  // Plain VALUES, not INSERT … SELECT over hosts: that form takes shared locks on every hosts row it reads.
  await together([
    ...(await labels).map(({ id: labelId }) =>
      ds.query(`INSERT IGNORE INTO label_membership (label_id, host_id) VALUES ${hostIds.map(() => '(?, ?)').join(', ')}`, hostIds.flatMap((h) => [labelId, h]))),
    ds.query(
      `INSERT INTO host_seen_times (host_id, seen_time) VALUES ${seen.map(() => '(?, ?)').join(', ')} ON DUPLICATE KEY UPDATE seen_time = VALUES(seen_time)`,
      seen.flatMap((i, n) => [hostIds[n], sqlTime(i.now.getTime())]),
    ),
  ]);
  return { rows, refused: false };
}
