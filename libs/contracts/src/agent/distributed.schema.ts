import { z } from 'zod';
import { lenientIntSchema, lenientNonNegativeSchema, nodeKeyField, osqueryRowSchema, osqueryValueSchema } from './agent-values.schema';

/** POST /api/v1/osquery/distributed/read: only the node key. */
export const distributedReadRequestSchema = z.object({ node_key: nodeKeyField });
export type DistributedReadRequest = z.output<typeof distributedReadRequestSchema>;

/**
 * Never send an empty SQL string (osquery then re-polls in a loop), and every discovery entry must be SQL
 * that cannot fail, or osquery drops the whole batch. `accelerate` must be a JSON integer.
 */
export const distributedReadResponseSchema = z.object({
  queries: z.record(z.string().min(1), z.string().min(1)),
  discovery: z.record(z.string().min(1), z.string().min(1)).optional(),
  accelerate: z.number().int().positive().optional(),
});
export type DistributedReadResponse = z.output<typeof distributedReadResponseSchema>;

/**
 * A query's rows. Very old osquery sent "" for an empty result and Fleet reads any non-array as "no rows";
 * the same holds here.
 */
export const distributedRowsSchema = z.preprocess(
  (value: unknown): unknown => (Array.isArray(value) ? value : []),
  z.array(osqueryRowSchema),
);

/** osquery ≥ 5.8 stats; `{}` when no sample exists (e.g. a denylisted query). */
export const distributedStatsSchema = z.object({
  wall_time_ms: lenientNonNegativeSchema.optional(),
  user_time: lenientNonNegativeSchema.optional(),
  system_time: lenientNonNegativeSchema.optional(),
  memory: lenientNonNegativeSchema.optional(),
});
export type DistributedStats = z.output<typeof distributedStatsSchema>;

/** The schema of one entry (query name → value) of each of the four records of a distributed/write. */
export const distributedWriteEntrySchemas = {
  queries: distributedRowsSchema,
  statuses: lenientIntSchema,
  messages: osqueryValueSchema,
  stats: z.preprocess((v) => v ?? {}, distributedStatsSchema),
} as const;
export type DistributedWriteRecord = keyof typeof distributedWriteEntrySchemas;
export const DISTRIBUTED_WRITE_RECORDS = Object.keys(distributedWriteEntrySchemas) as DistributedWriteRecord[];

/**
 * POST /api/v1/osquery/distributed/write. `statuses` are integers (0 = success) but osquery < 3 sent
 * numeric strings; a non-numeric status fails the request as it does in Fleet. A query with no status counts
 * as successful. Queries skipped by discovery have no entry at all.
 */
export const distributedWriteRequestSchema = z.object({
  node_key: nodeKeyField,
  queries: z.record(z.string(), distributedWriteEntrySchemas.queries).default({}),
  statuses: z.record(z.string(), distributedWriteEntrySchemas.statuses).default({}),
  messages: z.record(z.string(), distributedWriteEntrySchemas.messages).default({}),
  stats: z.record(z.string(), distributedWriteEntrySchemas.stats).default({}),
});
export type DistributedWriteRequest = z.output<typeof distributedWriteRequestSchema>;

/**
 * The request without its four records, for a server that checks their entries one by one against
 * `distributedWriteEntrySchemas` (in slices, so a write with many queries does not hold the event loop) and
 * a record that is not an object against its field of `distributedWriteRequestSchema`: checked that way, a
 * body gives the value and the errors `distributedWriteRequestSchema` gives.
 */
export const distributedWriteEnvelopeSchema = distributedWriteRequestSchema.pick({ node_key: true });
