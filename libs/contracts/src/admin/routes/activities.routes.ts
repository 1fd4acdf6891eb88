import { activitiesResponseSchema } from '../activity.schema';
import { listQuerySchema } from '../list-query.schema';
import { adminRoute } from './admin-route';

/** The audit log (fleet-admin-api.md §1.13). */
export const activityRoutes = {
  list: adminRoute({
    method: 'GET', path: '/activities', query: listQuerySchema, response: activitiesResponseSchema,
    permission: { action: 'activity:read', on: 'global' }, summary: 'The audit log',
    description: 'Newest first unless `order_key` (created_at, id, type) is given.',
    example: () => ({ query: { per_page: 10, page: 0 } }),
  }),
};
