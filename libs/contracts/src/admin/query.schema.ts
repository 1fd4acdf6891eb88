import { z } from 'zod';

export const loggingTypeSchema = z.enum(['snapshot', 'differential', 'differential_ignore_removals']);

/** Fleet's saved-query object (fleet-admin-api.md §1.5). `interval` is seconds, 0 = not scheduled. */
export const querySchema = z.object({
  created_at: z.string(), updated_at: z.string(), id: z.number(), name: z.string(), description: z.string(), query: z.string(),
  team_id: z.number().nullable(), interval: z.number(), platform: z.string(), min_osquery_version: z.string(),
  automations_enabled: z.boolean(), logging: z.string(), saved: z.boolean(), observer_can_run: z.boolean(), discard_data: z.boolean(),
  author_id: z.number().nullable(), author_name: z.string(), author_email: z.string(),
  packs: z.array(z.object({ id: z.number(), name: z.string(), description: z.string(), platform: z.string(), disabled: z.boolean(), created_at: z.string(), updated_at: z.string() })),
  /** Fleet's aggregated performance of the scheduled query; null until collected (this server does not collect them). */
  stats: z.object({
    system_time_p50: z.number().nullable(), system_time_p95: z.number().nullable(), user_time_p50: z.number().nullable(),
    user_time_p95: z.number().nullable(), total_executions: z.number().nullable(),
  }),
});
export type QueryDto = z.infer<typeof querySchema>;

const scheduleFields = {
  description: z.string().optional(),
  observer_can_run: z.boolean().optional(),
  interval: z.number().int().min(0, 'must be zero or more').optional(),
  platform: z.string().optional(),
  min_osquery_version: z.string().optional(),
  automations_enabled: z.boolean().optional(),
  logging: loggingTypeSchema.optional(),
  discard_data: z.boolean().optional(),
};
export const createQueryRequestSchema = z.object({
  name: z.string().trim().min(1, 'cannot be empty'),
  query: z.string().trim().min(1, 'cannot be empty'),
  team_id: z.number().int().nullable().optional(),
  ...scheduleFields,
});
export const modifyQueryRequestSchema = z.object({
  name: z.string().trim().min(1, 'cannot be empty').optional(),
  query: z.string().trim().min(1, 'cannot be empty').optional(),
  ...scheduleFields,
});
export const idsRequestSchema = z.object({ ids: z.array(z.number().int()) });

export const queryResponseSchema = z.object({ query: querySchema });
export const queriesResponseSchema = z.object({
  queries: z.array(querySchema), count: z.number(), meta: z.object({ has_next_results: z.boolean(), has_previous_results: z.boolean() }),
});
export const deletedResponseSchema = z.object({ deleted: z.number() });
export const queryReportResponseSchema = z.object({
  query_id: z.number(), report_clipped: z.boolean(),
  results: z.array(z.object({ host_id: z.number(), host_name: z.string(), last_fetched: z.string(), columns: z.record(z.string(), z.unknown()) })),
  /** Only when a page was asked for (`page`/`per_page`). */
  meta: z.object({ has_next_results: z.boolean(), has_previous_results: z.boolean() }).optional(),
});
