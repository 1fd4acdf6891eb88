/**
 * Which teams' rows a caller may see. Every read or write of a team-owned row takes one, so a repository
 * method cannot be called without deciding the filter. `all` is for global roles; `teams` lists the teams
 * where the caller's team role qualifies for the action (an empty list sees nothing team-owned).
 */
export type TeamScope = { readonly kind: 'all' } | { readonly kind: 'teams'; readonly teamIds: readonly number[] };

export const ALL_TEAMS: TeamScope = { kind: 'all' };

/** SQL condition restricting `column` (a nullable team_id) to the scope; global rows never match a team scope. */
export function teamScopeSql(column: string, scope: TeamScope): { sql: string; params: unknown[] } {
  if (scope.kind === 'all') return { sql: '1=1', params: [] };
  if (scope.teamIds.length === 0) return { sql: '1=0', params: [] };
  return { sql: `${column} IN (?)`, params: [scope.teamIds] };
}

export function scopeAllows(scope: TeamScope, teamId: number | null): boolean {
  return scope.kind === 'all' || (teamId !== null && scope.teamIds.includes(teamId));
}
