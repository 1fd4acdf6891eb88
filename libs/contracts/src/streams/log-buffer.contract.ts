import { z } from 'zod';
import { streamContract } from './stream.contract';
import type { StreamContract } from './stream.contract';

/**
 * One log line on its way to one named destination. `id` is the line's idempotency key, the same however
 * often the line is buffered or delivered (a hash of host and line for osquery logs; campaign, host and row
 * for live-query answers), so destinations that deduplicate (NATS JetStream's Nats-Msg-Id) store it once and
 * the others hand it to their consumers as the message id.
 */
export const logRecordSchema = z.object({
  id: z.string().min(1).max(128),
  type: z.enum(['result', 'status', 'live_query']),
  line: z.string(),
});
export type LogRecord = z.output<typeof logRecordSchema>;

/** An entry of a destination's buffer: the lines one request routed to it (at most a chunk of them). */
export const logBufferEntrySchema = z.array(logRecordSchema);

/**
 * The Redis stream that buffers one destination's lines, drained by that destination's consumer group. The
 * `{logbuf}` hash tag keeps every destination's stream in one Redis Cluster slot, so a request's lines are
 * buffered for all their destinations in one atomic script.
 */
export const logBufferContract = (destination: string): StreamContract<typeof logBufferEntrySchema> =>
  streamContract(`fleet:{logbuf}:dest:${destination}`, `log-destination-${destination}`, logBufferEntrySchema);
