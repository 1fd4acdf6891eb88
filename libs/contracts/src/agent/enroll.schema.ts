import { z } from 'zod';
import { osqueryRowSchema } from './agent-values.schema';

/** First row of each table osquery reports at enrollment; a table with no row is simply absent. */
export const hostDetailsSchema = z.object({
  os_version: osqueryRowSchema.optional(),
  osquery_info: osqueryRowSchema.optional(),
  system_info: osqueryRowSchema.optional(),
  platform_info: osqueryRowSchema.optional(),
});
export type HostDetails = z.output<typeof hostDetailsSchema>;

/**
 * POST /api/osquery/enroll. `platform_type` is a decimal bitmask string ("21" macOS, "9" Linux, "2" Windows)
 * that Fleet ignores; a numeric value is tolerated. An empty secret parses and is refused by the service.
 */
export const enrollRequestSchema = z.object({
  enroll_secret: z.string(),
  host_identifier: z.string().default(''),
  platform_type: z
    .union([z.string(), z.number().int()])
    .transform((v) => String(v))
    .optional(),
  host_details: hostDetailsSchema.default({}),
});
export type EnrollRequest = z.output<typeof enrollRequestSchema>;

/** osquery needs a non-empty string `node_key` (it also accepts `id`, which we never send). */
export const enrollResponseSchema = z.object({ node_key: z.string().min(1) });
export type EnrollResponse = z.output<typeof enrollResponseSchema>;
