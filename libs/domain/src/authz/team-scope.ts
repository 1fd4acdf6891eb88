/**
 * Which teams' rows a caller may see. Every read or write of a team-owned row takes one, so a repository
 * method cannot be called without deciding the filter. `all` is for global roles; `teams` lists the teams
 * where the caller's team role qualifies for the action (an empty list sees nothing team-owned).
 */
export type TeamScope = { readonly kind: 'all' } | { readonly kind: 'teams'; readonly teamIds: readonly number[] };

export const ALL_TEAMS: TeamScope = { kind: 'all' };

/** Whether an object of `teamId` (null = global) is inside the scope; global objects are only in `all`. */
export function scopeAllows(scope: TeamScope, teamId: number | null): boolean {
  return scope.kind === 'all' || (teamId !== null && scope.teamIds.includes(teamId));
}
