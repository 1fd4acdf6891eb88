import { z } from 'zod';
import { listQueryWith, optionalIntParam } from './list-query.schema';

/** The windows the online-hosts history is read over, and the bucket each is averaged into. */
export const HOST_STATUS_RANGES = { '24h': { hours: 24, bucketMinutes: 0 }, '7d': { hours: 168, bucketMinutes: 60 } } as const;
export type HostStatusRange = keyof typeof HOST_STATUS_RANGES;

/** `GET /host_summary/history`: `range` 24h (every sample) or 7d (hourly averages), and an optional team (0 = no team). */
export const hostStatusHistoryQuerySchema = z.object({
  team_id: optionalIntParam,
  range: z.enum(['24h', '7d'], { message: 'range must be 24h or 7d' }).optional().default('24h'),
});

export const hostStatusHistoryResponseSchema = z.object({
  team_id: z.number().nullable(),
  range: z.enum(['24h', '7d']),
  /** Width of a point in seconds: 0 for the raw samples (range 24h), 3600 for hourly averages. */
  bucket_seconds: z.number(),
  /** Oldest first; a time with no sample has no point. */
  points: z.array(z.object({ recorded_at: z.string(), online_count: z.number(), total_count: z.number() })),
});

/** `GET /os_versions` (Fleet's parameters; `os_name` and `os_version` go together). */
export const osVersionsQuerySchema = listQueryWith({
  team_id: optionalIntParam, platform: z.string().optional(), os_name: z.string().optional(), os_version: z.string().optional(),
}).superRefine((q, ctx) => {
  if ((q.os_name === undefined) !== (q.os_version === undefined)) ctx.addIssue({ code: 'custom', message: 'os_name and os_version must be given together' });
});

/**
 * Fleet's OS version entry, without `os_version_id`: versions are counted from the hosts' `os_version` and
 * have no table (and so no id) until the vulnerability work adds one. Vulnerabilities are not collected yet.
 */
export const osVersionSchema = z.object({
  hosts_count: z.number(), name: z.string(), name_only: z.string(), version: z.string(), platform: z.string(),
  generated_cpes: z.array(z.string()), vulnerabilities: z.array(z.unknown()),
});
export const osVersionsResponseSchema = z.object({
  count: z.number(), counts_updated_at: z.string().nullable(), os_versions: z.array(osVersionSchema),
  meta: z.object({ has_next_results: z.boolean(), has_previous_results: z.boolean() }),
});
