import type { HostWriteMessage } from '@fleet/contracts';
import { vitalsColumns } from './host-vitals.columns';
import { sqlTime } from './sql-values';

/** Most hosts one UPDATE statement writes. */
const HOSTS_PER_STATEMENT = 500;

/**
 * The hosts columns a batch of writes sets, per host: every assignment is a plain value (no column refers to
 * another or to itself), so a host's writes applied in order leave the same row as one assignment of each
 * column's last value.
 */
export function hostRowAssignments(writes: readonly HostWriteMessage[]): Map<number, Map<string, unknown>> {
  const rows = new Map<number, Map<string, unknown>>();
  for (const w of writes) {
    const [columns, values] = vitalsColumns(w.vitals ?? {});
    const at = sqlTime(w.at);
    const set = rows.get(w.hostId) ?? new Map<string, unknown>();
    columns.forEach((c, i) => set.set(c, values[i]));
    if (w.detailUpdated) set.set('detail_updated_at', at);
    if (w.labelsRan) set.set('label_updated_at', at);
    if (w.policiesRan) set.set('policy_updated_at', at);
    if (w.refetchCleared) set.set('refetch_requested', 0);
    if (w.publicIp) set.set('public_ip', w.publicIp);
    if (w.intervals?.distributed !== undefined) set.set('distributed_interval', w.intervals.distributed);
    if (w.intervals?.configRefresh !== undefined) set.set('config_tls_refresh', w.intervals.configRefresh);
    if (w.intervals?.loggerPeriod !== undefined) set.set('logger_tls_period', w.intervals.loggerPeriod);
    if (set.size > 0) rows.set(w.hostId, set);
  }
  return rows;
}

/**
 * The statements that write those assignments: hosts that set the same columns share one statement, a
 * multi-table UPDATE joined to a derived table of their values, instead of one UPDATE per host (an enroll
 * storm's config fetches alone were 10,000 single-row statements). A host alone in its column set gets a
 * plain UPDATE.
 */
export function hostRowStatements(rows: ReadonlyMap<number, ReadonlyMap<string, unknown>>): Array<[string, unknown[]]> {
  const groups = new Map<string, { columns: string[]; hosts: number[] }>();
  for (const [hostId, set] of rows) {
    const columns = [...set.keys()].sort();
    const key = columns.join(',');
    const g = groups.get(key) ?? { columns, hosts: [] };
    g.hosts.push(hostId);
    groups.set(key, g);
  }
  const statements: Array<[string, unknown[]]> = [];
  for (const { columns, hosts } of groups.values()) {
    for (let i = 0; i < hosts.length; i += HOSTS_PER_STATEMENT) {
      const chunk = hosts.slice(i, i + HOSTS_PER_STATEMENT);
      const params: unknown[] = [];
      if (chunk.length === 1) {
        const set = rows.get(chunk[0]) as ReadonlyMap<string, unknown>;
        for (const c of columns) params.push(set.get(c));
        statements.push([`UPDATE hosts SET ${columns.map((c) => `\`${c}\` = ?`).join(', ')} WHERE id = ?`, [...params, chunk[0]]]);
        continue;
      }
      for (const hostId of chunk) {
        const set = rows.get(hostId) as ReadonlyMap<string, unknown>;
        params.push(hostId);
        for (const c of columns) params.push(set.get(c));
      }
      const first = `SELECT ? AS id, ${columns.map((c) => `? AS \`${c}\``).join(', ')}`;
      const rest = ` UNION ALL SELECT ${['?', ...columns.map(() => '?')].join(', ')}`.repeat(chunk.length - 1);
      statements.push([
        `UPDATE hosts h JOIN (${first}${rest}) v ON h.id = v.id SET ${columns.map((c) => `h.\`${c}\` = v.\`${c}\``).join(', ')}`,
        params,
      ]);
    }
  }
  return statements;
}
