import { triggerQuerySchema } from '../cron.schema';
import { adminRoute } from './admin-route';

/** The background schedules (fleet-admin-api.md §1.15, `fleetctl trigger`). */
export const cronRoutes = {
  trigger: adminRoute({
    method: 'POST', path: '/trigger', query: triggerQuerySchema, response: 'empty', readOnly: true,
    permission: { action: 'cron:trigger', on: 'global' }, summary: 'Queue an ad hoc run of a background schedule',
    description: 'The run is recorded in cron_stats (no activity, as in Fleet); whichever live-query replica ticks next runs it. '
      + '409 while the schedule runs or a triggered run is already queued; 400 with the valid names for a missing or unknown name.',
    example: () => ({ query: { name: 'cleanups_then_aggregation' } }),
  }),
};
