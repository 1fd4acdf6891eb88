import { z } from 'zod';
import { hostWriteMessageSchema } from './host-write.schema';
import { streamContract } from './stream.contract';

const rowSchema = z.record(z.string(), z.string());

/** The latest snapshot of a scheduled query on a host; it replaces the host's previous rows in the report. */
export const queryReportMessageSchema = z.object({
  queryId: z.number().int().positive(),
  hostId: z.number().int().positive(),
  at: z.number(),
  rows: z.array(rowSchema),
});
export type QueryReportMessage = z.output<typeof queryReportMessageSchema>;

/**
 * Redis streams that carry agent data from the request that accepted it to the writer that puts it in
 * MySQL. An agent is told "accepted" only after its entry is in the stream, so a replica dying between the
 * two loses nothing: another replica claims the pending entry.
 */
export const AGENT_STREAMS = {
  /** One entry per host write. */
  hostWrites: streamContract('fleet:stream:host_writes', 'host-writers', hostWriteMessageSchema),
  /** One entry per /log request: the reports of its result lines. */
  queryReports: streamContract('fleet:stream:query_reports', 'report-writers', z.array(queryReportMessageSchema)),
} as const;
