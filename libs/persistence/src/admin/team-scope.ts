import type { TeamScope } from '@fleet/domain';

/** SQL condition restricting `column` (a nullable team_id) to the scope; global rows never match a team scope. */
export function teamScopeSql(column: string, scope: TeamScope): { sql: string; params: unknown[] } {
  if (scope.kind === 'all') return { sql: '1=1', params: [] };
  if (scope.teamIds.length === 0) return { sql: '1=0', params: [] };
  return { sql: `${column} IN (?)`, params: [scope.teamIds] };
}
