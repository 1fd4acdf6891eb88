import { hostStatusHistoryQuerySchema, hostStatusHistoryResponseSchema, osVersionsQuerySchema, osVersionsResponseSchema } from '../host-stats.schema';
import { adminRoute } from './admin-route';

/**
 * Aggregates over hosts for the dashboard. Counts cover the caller's teams; a positive `team_id` needs a reading
 * role on that team (as `/host_summary`).
 */
export const hostStatsRoutes = {
  onlineHistory: adminRoute({
    method: 'GET', path: '/host_summary/history', query: hostStatusHistoryQuerySchema, response: hostStatusHistoryResponseSchema,
    permission: { action: 'host:read', on: 'any' }, summary: 'Online and total hosts over the last 24 hours or 7 days',
    description: 'From the counts the server records at every run of `cleanups_then_aggregation` (hourly by default; kept 8 days), '
      + 'summed over the teams. Not a Fleet endpoint.',
    example: () => ({ query: { range: '7d' } }),
  }),
  osVersions: adminRoute({
    method: 'GET', path: '/os_versions', query: osVersionsQuerySchema, response: osVersionsResponseSchema,
    permission: { action: 'host:read', on: 'any' }, summary: 'Operating system versions with host counts',
    description: 'Most hosts first; `platform`, and `os_name` with `os_version`, narrow it. Counts are live (`counts_updated_at` null).',
    example: () => ({ query: { per_page: 10, page: 0 } }),
  }),
};
