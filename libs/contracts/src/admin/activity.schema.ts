import { z } from 'zod';
import { listMetaSchema } from './list-query.schema';

/**
 * An audit-log entry (fleet-admin-api.md §1.13). The actor fields are absent when they have no value, as Fleet
 * omits them: all of them when Fleet initiated the entry, the id and gravatar when the author was deleted since.
 */
export const activitySchema = z.object({
  created_at: z.string(), id: z.number(), actor_full_name: z.string().optional(), actor_id: z.number().optional(),
  actor_gravatar: z.string().optional(), actor_email: z.string().optional(), type: z.string(), fleet_initiated: z.boolean(),
  details: z.record(z.string(), z.unknown()),
});
export const activitiesResponseSchema = z.object({ activities: z.array(activitySchema), meta: listMetaSchema });
