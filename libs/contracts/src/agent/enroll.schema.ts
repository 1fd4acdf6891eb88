import { z } from 'zod';
import { isJsonObject } from '@fleet/domain';
import { osqueryRowOf, osqueryRowSchema } from './agent-values.schema';

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

const HOST_DETAIL_TABLES = Object.keys(hostDetailsSchema.shape) as Array<keyof HostDetails>;
const enrollEnvelopeSchema = enrollRequestSchema.omit({ host_details: true });

/**
 * `enrollRequestSchema.safeParse` for the agent route: the host details' rows are read by `osqueryRowOf` (kept
 * as they came when their values are strings) instead of value by value through the schema, which cost an
 * enroll about 60 µs of CPU and most of its garbage in an enroll storm. A body outside that path (details or a
 * row that is not an object, a bad envelope) gets the schema's own answer, so errors read exactly as they did.
 */
export function readEnrollRequest(body: unknown): z.ZodSafeParseResult<EnrollRequest> {
  if (!isJsonObject(body)) return enrollRequestSchema.safeParse(body);
  const details = body['host_details'];
  if (details !== undefined && !isJsonObject(details)) return enrollRequestSchema.safeParse(body);
  const hostDetails: { -readonly [T in keyof HostDetails]: HostDetails[T] } = {};
  for (const table of HOST_DETAIL_TABLES) {
    const row = details?.[table];
    if (row === undefined) continue;
    if (!isJsonObject(row)) return enrollRequestSchema.safeParse(body);
    hostDetails[table] = osqueryRowOf(row);
  }
  const envelope = enrollEnvelopeSchema.safeParse(body);
  if (!envelope.success) return enrollRequestSchema.safeParse(body);
  return { success: true, data: { ...envelope.data, host_details: hostDetails } };
}

/** osquery needs a non-empty string `node_key` (it also accepts `id`, which we never send). */
export const enrollResponseSchema = z.object({ node_key: z.string().min(1) });
export type EnrollResponse = z.output<typeof enrollResponseSchema>;
