import { activitiesResponseSchema, activityListQuerySchema } from '../activity.schema';
import { listQuerySchema } from '../list-query.schema';
import { adminRoute } from './admin-route';
import { idParams } from './route-params.schema';

/** The audit log (fleet-admin-api.md §1.13). */
export const activityRoutes = {
  list: adminRoute({
    method: 'GET', path: '/activities', query: activityListQuerySchema, response: activitiesResponseSchema,
    permission: { action: 'activity:read', on: 'global' }, summary: 'The audit log',
    description: 'Newest first unless `order_key` (created_at, id, type) is given; `query` matches the actor\'s name or email, `activity_type` '
      + 'keeps one type, and `start_created_at` / `end_created_at` (a date or an RFC 3339 time, inclusive) bound when it happened.',
    example: () => ({ query: { per_page: 10, page: 0 } }),
  }),
  host: adminRoute({
    method: 'GET', path: '/hosts/:id/activities', params: idParams, query: listQuerySchema, response: activitiesResponseSchema,
    permission: { action: 'host:read', on: 'team' }, summary: "A host's past activities",
    description: 'Audit-log entries that name the host (refetched, transferred, …), newest first; a host outside the caller\'s teams is 404.',
    example: async (f) => ({ params: { id: (await f.host()).id }, query: { per_page: 10, page: 0 } }),
  }),
};
