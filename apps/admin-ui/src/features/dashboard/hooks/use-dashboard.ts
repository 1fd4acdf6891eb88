import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { ApiError } from '../../../api/http-client';
import { activitiesApi } from '../../activities/api/activities.api';
import { dashboardApi } from '../api/dashboard.api';

/** The dashboard's team choice as the API's `team_id` ('' = all the user's teams, '0' = hosts with no team). */
export type TeamChoice = string;
const teamQuery = (team: TeamChoice) => (team ? { team_id: team } : {});

/** Recorded online/total counts over the range, refreshed every 5 minutes (the recording is hourly by default). */
export function useOnlineHistory(team: TeamChoice, range: '24h' | '7d') {
  const query = { ...teamQuery(team), range };
  return useQuery({
    queryKey: queryKeys.hosts.onlineHistory(query), queryFn: ({ signal }) => dashboardApi.onlineHistory(query, signal),
    placeholderData: keepPreviousData, refetchInterval: 5 * 60_000,
  });
}

/** The most common OS versions. */
export function useOsVersions(team: TeamChoice, perPage: number) {
  const query = { ...teamQuery(team), page: '0', per_page: String(perPage) };
  return useQuery({ queryKey: queryKeys.osVersions.list(query), queryFn: ({ signal }) => dashboardApi.osVersions(query, signal), placeholderData: keepPreviousData });
}

/** The latest audit-log entries, or null for a user who may not read the log (team users: 403). */
export function useRecentActivity(count: number) {
  const query = { page: '0', per_page: String(count), order_key: 'id', order_direction: 'desc' };
  return useQuery({
    queryKey: queryKeys.activities.list(query),
    queryFn: async ({ signal }) => {
      try {
        return (await activitiesApi.list(query, signal)).activities;
      } catch (e) {
        if (e instanceof ApiError && e.status === 403) return null;
        throw e;
      }
    },
  });
}
