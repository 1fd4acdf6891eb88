import { z } from 'zod';
import { listQuerySchema } from './list-query.schema';
import { querySequence } from './query-sequence.schema';
import { boolParam } from './software.schema';

/** A query-string value as Fastify parses it (the last one when repeated). */
const raw = z.union([z.string(), z.array(z.string())]).optional().transform((v) => (Array.isArray(v) ? v[v.length - 1] : v));

/**
 * A file carve (fleet-admin-api.md §1.15): `error` only when storing it failed, as Fleet omits it otherwise;
 * `max_block` is -1 before the first block.
 */
export const carveSchema = z.object({
  id: z.number(),
  created_at: z.string(),
  host_id: z.number(),
  name: z.string(),
  block_count: z.number(),
  block_size: z.number(),
  carve_size: z.number(),
  carve_id: z.string(),
  request_id: z.string(),
  session_id: z.string(),
  expired: z.boolean(),
  max_block: z.number(),
  error: z.string().optional(),
});
export type CarveDto = z.input<typeof carveSchema>;

/** `GET /carves`: Fleet's list options (order by any field, `after` on the order key) and `expired=true` to include expired carves. */
export const carvesQuerySchema = querySequence({ list: listQuerySchema, filters: z.object({ expired: boolParam, after: raw }).passthrough() });
export const carvesResponseSchema = z.object({ carves: z.array(carveSchema) });
export const carveResponseSchema = z.object({ carve: carveSchema });
/** One block's bytes, base64 (standard alphabet, padded). */
export const carveBlockDataResponseSchema = z.object({ data: z.string() });
