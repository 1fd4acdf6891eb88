import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { teamsApi } from '../api/teams.api';

/** The teams the user may see (for filters, the team picker and transfers); cached a minute. */
export function useTeams() {
  return useQuery({ queryKey: queryKeys.teams.list, queryFn: ({ signal }) => teamsApi.list(signal), staleTime: 60_000, select: (r) => r.teams });
}

/** Select options for a team filter: every team, and "No team" (team_id 0, Fleet's convention). */
export function useTeamOptions(withNoTeam = true): Array<{ value: string; label: string }> {
  const teams = useTeams().data ?? [];
  return [...(withNoTeam ? [{ value: '0', label: 'No team' }] : []), ...teams.map((t) => ({ value: String(t.id), label: t.name }))];
}
