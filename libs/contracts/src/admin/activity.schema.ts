import { z } from 'zod';
import { listMetaSchema } from './list-query.schema';

/** An audit-log entry (fleet-admin-api.md §1.13); no actor (null name and id, empty email) when Fleet initiated it. */
export const activitySchema = z.object({
  created_at: z.string(), id: z.number(), actor_full_name: z.string().nullable(), actor_id: z.number().nullable(),
  actor_gravatar: z.string(), actor_email: z.string(), type: z.string(), fleet_initiated: z.boolean(), details: z.record(z.string(), z.unknown()),
});
export const activitiesResponseSchema = z.object({ activities: z.array(activitySchema), meta: listMetaSchema });
