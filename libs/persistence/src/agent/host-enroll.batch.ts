import type { DataSource } from 'typeorm';
import { vitalsColumns } from './host-vitals.columns';
import type { EnrollInput } from './agent-host.types';
import { errorCode } from './deadlock-retry';
import { sqlTime } from './sql-values';

/** Most enrolls written by one batch of statements. */
export const ENROLLS_PER_BATCH = 500;

/** Inserts that share their vitals columns, so they fit one multi-row INSERT. */
function byColumns(inputs: readonly EnrollInput[]): Map<string, { columns: string[]; rows: Array<{ input: EnrollInput; values: unknown[] }> }> {
  const groups = new Map<string, { columns: string[]; rows: Array<{ input: EnrollInput; values: unknown[] }> }>();
  for (const input of inputs) {
    const [columns, values] = vitalsColumns(input.vitals);
    const key = columns.join(',');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { columns, rows: [] }));
    g.rows.push({ input, values });
  }
  return groups;
}

/**
 * Enrolls of identifiers that were not in `hosts` when the batch was read, written with a few statements for
 * the whole batch instead of five per host: one multi-row INSERT per set of vitals columns (all hosts of one
 * osquery version send the same set), then their All Hosts membership and seen times in one statement each.
 * Returns the ids of the rows inserted, by identifier. A group that hits the unique key (another replica or an
 * earlier enroll created one of its identifiers meanwhile) is not inserted at all: its identifiers are
 * returned in `retry`, for the one-by-one path (which takes the re-enroll path for the existing one).
 */
export async function insertNewHosts(ds: DataSource, inputs: readonly EnrollInput[]): Promise<{ ids: Map<string, number>; retry: EnrollInput[] }> {
  const ids = new Map<string, number>();
  const retry: EnrollInput[] = [];
  for (const { columns, rows } of byColumns(inputs).values()) {
    const fixed = ['osquery_host_id', 'node_key', 'team_id', 'refetch_requested', 'last_enrolled_at', 'public_ip'];
    const all = [...fixed, ...columns].map((c) => `\`${c}\``).join(', ');
    const row = `(${[...fixed, ...columns].map(() => '?').join(', ')})`;
    const params: unknown[] = [];
    for (const { input, values } of rows) params.push(input.identifier, input.nodeKey, input.teamId, 1, sqlTime(input.now.getTime()), input.publicIp, ...values);
    try {
      await ds.query(`INSERT INTO hosts (${all}) VALUES ${rows.map(() => row).join(', ')}`, params);
    } catch (err) {
      if (errorCode(err) !== 'ER_DUP_ENTRY') throw err;
      retry.push(...rows.map((r) => r.input));
      continue;
    }
    // The node keys are new and unique to this batch: they name exactly the rows just inserted.
    const found = await ds.query<Array<{ id: number; osquery_host_id: string }>>('SELECT id, osquery_host_id FROM hosts WHERE node_key IN (?)', [rows.map((r) => r.input.nodeKey)]);
    for (const f of found) ids.set(String(f.osquery_host_id), Number(f.id));
  }
  const hostIds = [...ids.values()];
  if (hostIds.length > 0) {
    // Plain VALUES, not INSERT … SELECT over hosts: that form takes shared locks on every hosts row it reads.
    const allHosts = await ds.query<Array<{ id: number }>>("SELECT id FROM labels WHERE name = 'All Hosts' AND label_type = 1");
    for (const { id: labelId } of allHosts) {
      await ds.query(`INSERT IGNORE INTO label_membership (label_id, host_id) VALUES ${hostIds.map(() => '(?, ?)').join(', ')}`, hostIds.flatMap((h) => [labelId, h]));
    }
    const seen = inputs.filter((i) => ids.has(i.identifier));
    await ds.query(
      `INSERT INTO host_seen_times (host_id, seen_time) VALUES ${seen.map(() => '(?, ?)').join(', ')} ON DUPLICATE KEY UPDATE seen_time = VALUES(seen_time)`,
      seen.flatMap((i) => [ids.get(i.identifier), sqlTime(i.now.getTime())]),
    );
  }
  return { ids, retry };
}
