import { z } from 'zod';

/**
 * An entry of the global or a team's schedule (fleet-admin-api.md §1.7, deprecated by Fleet 4.35 but served):
 * since 4.35 a scheduled query *is* a saved query with an interval, so `id` and `query_id` are the query's id,
 * `pack_id` is 0 and `snapshot`/`removed` spell its logging mode (snapshot; differential; differential ignoring
 * removals). `stats` are Fleet's aggregated performance numbers, null until collected.
 */
export const scheduleEntrySchema = z.object({
  created_at: z.string(), updated_at: z.string(), id: z.number(), pack_id: z.number(), name: z.string(), query_id: z.number(),
  query_name: z.string(), query: z.string(), description: z.string(), interval: z.number(), snapshot: z.boolean(), removed: z.boolean(),
  platform: z.string(), version: z.string(), shard: z.number().nullable(), denylist: z.boolean().nullable(),
  stats: z.object({
    system_time_p50: z.number().nullable(), system_time_p95: z.number().nullable(), user_time_p50: z.number().nullable(),
    user_time_p95: z.number().nullable(), total_executions: z.number().nullable(),
  }),
});
export type ScheduleEntryDto = z.input<typeof scheduleEntrySchema>;

const options = {
  snapshot: z.boolean().nullish(), removed: z.boolean().nullish(), platform: z.string().nullish(), version: z.string().nullish(),
  shard: z.number().int().min(0).max(100, 'must be between 0 and 100').nullish(), denylist: z.boolean().nullish(),
};

/** Copies a saved global query into the schedule; `snapshot` with `removed` pick the logging mode (snapshot by default). */
export const scheduleQueryRequestSchema = z.object({
  query_id: z.number().int().positive(), interval: z.number().int().min(0, 'must be zero or more'), ...options,
});
/** Changes a schedule entry; the logging mode changes only when `snapshot` and `removed` are both sent, as in Fleet. */
export const modifyScheduleRequestSchema = z.object({
  interval: z.number().int().min(0, 'must be zero or more').optional(), pack_id: z.number().int().nullish(), query_id: z.number().int().nullish(),
  ...options,
});
export type ScheduleQueryRequest = z.output<typeof scheduleQueryRequestSchema>;
export type ModifyScheduleRequest = z.output<typeof modifyScheduleRequestSchema>;

export const globalScheduleResponseSchema = z.object({ global_schedule: z.array(scheduleEntrySchema) });
export const teamScheduleResponseSchema = z.object({ scheduled: z.array(scheduleEntrySchema) });
export const scheduleEntryResponseSchema = z.object({ scheduled: scheduleEntrySchema });
