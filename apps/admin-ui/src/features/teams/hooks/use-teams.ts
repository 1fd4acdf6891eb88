import { useMutation, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { teamsApi } from '../api/teams.api';
import type { CreateTeamBody, ModifyTeamBody, TeamRole } from '../api/teams.api';

/** The teams the user may see (for filters, the team picker and transfers); cached a minute. */
export function useTeams() {
  return useQuery({ queryKey: queryKeys.teams.list, queryFn: ({ signal }) => teamsApi.list(signal), staleTime: 60_000, select: (r) => r.teams });
}

/** Select options for a team filter: every team, and "No team" (team_id 0, Fleet's convention). */
export function useTeamOptions(withNoTeam = true): Array<{ value: string; label: string }> {
  const teams = useTeams().data ?? [];
  return [...(withNoTeam ? [{ value: '0', label: 'No team' }] : []), ...teams.map((t) => ({ value: String(t.id), label: t.name }))];
}

/** The teams page's list, fresh on each visit. */
export function useTeamList() {
  return useQuery({ queryKey: queryKeys.teams.list, queryFn: ({ signal }) => teamsApi.list(signal), select: (r) => r.teams });
}

export function useTeam(id: number) {
  return useQuery({ queryKey: queryKeys.teams.detail(id), queryFn: ({ signal }) => teamsApi.get(id, signal) });
}

export function useTeamMembers(id: number, enabled: boolean) {
  return useQuery({ queryKey: queryKeys.teams.users(id), queryFn: ({ signal }) => teamsApi.members(id, signal), enabled });
}

// Team changes show in the team list and filters, user roles, the hosts' teams and the activity feed.
const INVALIDATES = [queryKeys.teams.all, queryKeys.users.all, queryKeys.activities.all, queryKeys.me];

export function useCreateTeam() {
  return useMutation({ mutationFn: (body: CreateTeamBody) => teamsApi.create(body), meta: { invalidates: INVALIDATES, success: 'Team created', failure: false } });
}

export function useModifyTeam(id: number) {
  return useMutation({ mutationFn: (body: ModifyTeamBody) => teamsApi.modify(id, body), meta: { invalidates: INVALIDATES, success: 'Team saved', failure: 'Could not save the team' } });
}

export function useTeamAgentOptions(id: number) {
  return useMutation({
    mutationFn: (options: Record<string, unknown>) => teamsApi.agentOptions(id, options),
    meta: { invalidates: INVALIDATES, success: 'Agent options saved', failure: 'Could not save the agent options' },
  });
}

export function useDeleteTeam() {
  return useMutation({
    mutationFn: (id: number) => teamsApi.delete(id),
    meta: {
      invalidates: [...INVALIDATES, queryKeys.hosts.all, queryKeys.policies.all], success: 'Team deleted', failure: 'Could not delete the team',
      deletes: (id) => [queryKeys.teams.detail(id as number)],
    },
  });
}

export function useSetMembers(id: number) {
  return useMutation({
    mutationFn: (users: Array<{ id: number; role: TeamRole }>) => teamsApi.setMembers(id, users),
    meta: { invalidates: INVALIDATES, success: 'Members saved', failure: 'Could not change the members' },
  });
}

export function useRemoveMember(id: number) {
  return useMutation({
    mutationFn: (userId: number) => teamsApi.removeMembers(id, [userId]),
    meta: { invalidates: INVALIDATES, success: 'Member removed', failure: 'Could not remove the member' },
  });
}
