import { hostStatusHistoryQuerySchema, hostStatusHistoryResponseSchema } from '../host-stats.schema';
import { vulnerabilityRoutes } from './vulnerabilities.routes';
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
  /** OS versions are served with their CVEs by the vulnerabilities context (its declaration, under the dashboard's name). */
  osVersions: vulnerabilityRoutes.osVersions,
};
