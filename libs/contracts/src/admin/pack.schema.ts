import { z } from 'zod';
import { packSpecSchema } from './spec.schema';

/** Fleet's 2017 pack object (fleet-admin-api.md §1.7). `type` is null for user packs. */
export const adminPackSchema = z.object({
  created_at: z.string(), updated_at: z.string(), id: z.number(), name: z.string(), description: z.string(), platform: z.string(),
  disabled: z.boolean(), type: z.string().nullable(), query_count: z.number(), total_hosts_count: z.number(),
  host_ids: z.array(z.number()), label_ids: z.array(z.number()), team_ids: z.array(z.number()),
});
export type PackDto = z.infer<typeof adminPackSchema>;

const targets = { host_ids: z.array(z.number().int()).nullable().optional(), label_ids: z.array(z.number().int()).nullable().optional(),
  team_ids: z.array(z.number().int()).nullable().optional() };
export const createPackRequestSchema = z.object({
  name: z.string().trim().min(1, 'cannot be empty'), description: z.string().optional(), platform: z.string().optional(), ...targets,
});
/** PATCH: absent keys keep their value; a target list that is sent replaces that list. */
export const modifyPackRequestSchema = z.object({
  name: z.string().trim().min(1, 'cannot be empty').optional(), description: z.string().optional(), platform: z.string().optional(),
  disabled: z.boolean().optional(), ...targets,
});
export const packResponseSchema = z.object({ pack: adminPackSchema });
export const packsResponseSchema = z.object({ packs: z.array(adminPackSchema) });

/** A query scheduled in a pack. `snapshot`/`removed` pick the logging mode: snapshot, else differential (ignoring removals when removed=false). */
export const scheduledQuerySchema = z.object({
  created_at: z.string(), updated_at: z.string(), id: z.number(), pack_id: z.number(), name: z.string(), query_id: z.number(),
  query_name: z.string(), query: z.string(), description: z.string(), interval: z.number(), snapshot: z.boolean().nullable(),
  removed: z.boolean().nullable(), platform: z.string().nullable(), version: z.string().nullable(), shard: z.number().nullable(),
  denylist: z.boolean().nullable(),
});
export type ScheduledQueryDto = z.infer<typeof scheduledQuerySchema>;

const scheduleOptions = {
  snapshot: z.boolean().nullable().optional(), removed: z.boolean().nullable().optional(), platform: z.string().nullable().optional(),
  version: z.string().nullable().optional(), shard: z.number().int().min(0).max(100, 'must be between 0 and 100').nullable().optional(),
  denylist: z.boolean().nullable().optional(), description: z.string().optional(),
};
export const createScheduledQueryRequestSchema = z.object({
  pack_id: z.number().int(), query_id: z.number().int(), interval: z.number().int().min(1, 'must be greater than zero'),
  name: z.string().trim().min(1, 'cannot be empty').optional(), ...scheduleOptions,
});
export const modifyScheduledQueryRequestSchema = z.object({
  interval: z.number().int().min(1, 'must be greater than zero').optional(), name: z.string().trim().min(1, 'cannot be empty').optional(),
  ...scheduleOptions,
});
export const scheduledQueryResponseSchema = z.object({ scheduled: scheduledQuerySchema });
export const scheduledQueriesResponseSchema = z.object({ scheduled: z.array(scheduledQuerySchema) });

/** `GET /spec/packs/:name`: one spec under the plural key, as Fleet answers. */
export const packSpecResponseSchema = z.object({ specs: packSpecSchema.extend({ id: z.number() }) });
