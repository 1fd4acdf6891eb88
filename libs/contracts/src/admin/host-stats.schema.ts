import { z } from 'zod';
import { optionalIntParam } from './list-query.schema';

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
