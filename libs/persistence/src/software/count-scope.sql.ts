import { ownEntry } from '@fleet/domain';
import type { TeamScope } from '@fleet/domain';

/** `team_id` of count rows over every host (see the software-vulnerabilities migration). */
export const ALL_HOSTS_TEAM = -1;

/**
 * The host counts a reader sees, as a join onto one of the count tables (software_host_counts,
 * software_title_host_counts, vulnerability_host_counts, operating_system_host_counts): one team's rows
 * when `teamId` is given (0 = hosts with no team), the every-host rows for a global reader, or the sum over
 * a team reader's teams. `c.hosts_count` is the count; null when the reader sees no hosts at all.
 */
export function countJoin(table: string, idColumn: string, on: string, scope: TeamScope, teamId: number | undefined,
  aggregates = ', MAX(updated_at) AS updated_at'): { join: string; params: unknown[] } | null {
  if (teamId !== undefined || scope.kind === 'all' || scope.teamIds.length === 1) {
    const team = teamId ?? (scope.kind === 'all' ? ALL_HOSTS_TEAM : scope.teamIds[0]);
    return { join: `JOIN ${table} c ON c.${idColumn} = ${on} AND c.team_id = ? AND c.hosts_count > 0`, params: [team] };
  }
  if (scope.teamIds.length === 0) return null;
  return {
    join: `JOIN (SELECT ${idColumn}, SUM(hosts_count) AS hosts_count${aggregates} FROM ${table}
      WHERE team_id IN (?) GROUP BY ${idColumn} HAVING SUM(hosts_count) > 0) c ON c.${idColumn} = ${on}`,
    params: [scope.teamIds],
  };
}

/** ORDER BY with a tie-breaker on the id (stable pages), from an allow-list of order keys. */
export function orderBy(key: string | undefined, direction: 'asc' | 'desc', allowed: Readonly<Record<string, string>>, fallback: string, id: string): string {
  const column = ownEntry(allowed, key) ?? fallback;
  const dir = direction === 'desc' ? 'DESC' : 'ASC';
  return ` ORDER BY ${column} ${dir}, ${id} ${dir}`;
}

export function limit(page: number, perPage: number): string {
  return perPage > 0 ? ` LIMIT ${perPage + 1} OFFSET ${page * perPage}` : '';
}

/**
 * The count rows a reader sees as a table of their own (`c`, with `hosts_count` > 0), for lists driven by
 * the counts rather than by an owner table (the CVE list); null when the reader sees no hosts.
 */
export function countTable(table: string, idColumn: string, scope: TeamScope, teamId: number | undefined, aggregates: string): { from: string; params: unknown[] } | null {
  if (teamId !== undefined || scope.kind === 'all' || scope.teamIds.length === 1) {
    const team = teamId ?? (scope.kind === 'all' ? ALL_HOSTS_TEAM : scope.teamIds[0]);
    return { from: `(SELECT * FROM ${table} WHERE team_id = ? AND hosts_count > 0) c`, params: [team] };
  }
  if (scope.teamIds.length === 0) return null;
  return {
    from: `(SELECT ${idColumn}, SUM(hosts_count) AS hosts_count${aggregates} FROM ${table} WHERE team_id IN (?) GROUP BY ${idColumn} HAVING SUM(hosts_count) > 0) c`,
    params: [scope.teamIds],
  };
}
