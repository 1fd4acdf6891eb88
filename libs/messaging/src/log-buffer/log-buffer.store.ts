import { logBufferContract } from '@fleet/contracts';
import type { LogRecord, StreamEnvelope } from '@fleet/contracts';
import type { RedisClient } from '../redis.factory';
import { streamGroupInfo } from '../stream-worker';

/** Entries hold at most this many lines, so one huge request becomes several entries of a size a consumer can take. */
export const LOG_BUFFER_CHUNK = 500;

/** How long a request's batch key is remembered: an agent resending an accepted batch within it is not buffered twice. */
export const LOG_BATCH_MEMORY_SECONDS = 3600;

const batchKey = (batchId: string): string => `fleet:{logbuf}:batch:${batchId}`;

/**
 * Buffers one request's lines for all their destinations, once. KEYS[1] is the batch key, KEYS[2..] the
 * destination streams (a stream repeats for each of its chunks). ARGV[1] the batch memory in seconds,
 * ARGV[2] the bound of entries per stream, ARGV[3..] the entries, aligned with KEYS[2..].
 * Returns 1 when buffered, 0 when this batch was buffered before (a resend), -(i) when stream KEYS[i] is full
 * (then nothing was written). All or nothing: every check happens before the first XADD.
 */
const APPEND_ONCE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local bound = tonumber(ARGV[2])
for i = 2, #KEYS do
  if redis.call('XLEN', KEYS[i]) >= bound then return -i end
end
for i = 2, #KEYS do
  redis.call('XADD', KEYS[i], '*', 'm', ARGV[i + 1])
end
redis.call('SET', KEYS[1], '1', 'EX', ARGV[1])
return 1`;

export type BufferOutcome = { readonly kind: 'buffered' } | { readonly kind: 'duplicate' } | { readonly kind: 'full'; readonly destination: string };

/** How far behind a destination is. */
export interface LogBufferState {
  /** Entries not yet delivered (waiting or in a consumer's hands). */
  readonly undelivered: number;
  /** Entries handed to a consumer and not yet acknowledged. */
  readonly pending: number;
  /** Age of the oldest undelivered entry in ms (0 when none). */
  readonly oldestAgeMs: number;
  readonly groupExists: boolean;
}

/**
 * The durable buffers of the named log destinations: one Redis stream per destination, appended by the
 * request that accepted the lines and drained by the destination's consumer group (StreamWorker), which
 * deletes what it delivered. So XLEN is what is still to deliver, and the first entry is the oldest of it.
 */
export class LogBufferStore {
  constructor(private readonly redis: RedisClient) {}

  /**
   * Appends the lines of one request (`batchId` identifies it: an agent's resend of the same batch is
   * recognised and not buffered again) to each destination's stream, atomically. `atMs` stamps the entries.
   */
  async append(batchId: string, byDestination: ReadonlyMap<string, readonly LogRecord[]>, bound: number, atMs: number): Promise<BufferOutcome> {
    const keys = [batchKey(batchId)];
    const args: Array<string | number> = [LOG_BATCH_MEMORY_SECONDS, bound];
    const names = [''];
    for (const [name, records] of byDestination) {
      for (let i = 0; i < records.length; i += LOG_BUFFER_CHUNK) {
        const envelope: StreamEnvelope = { v: 1, at: atMs, data: records.slice(i, i + LOG_BUFFER_CHUNK) };
        keys.push(logBufferContract(name).key);
        names.push(name);
        args.push(JSON.stringify(envelope));
      }
    }
    if (keys.length === 1) return { kind: 'buffered' };
    const r = Number(await this.redis.eval(APPEND_ONCE, keys.length, ...keys, ...args));
    if (r === 1) return { kind: 'buffered' };
    if (r === 0) return { kind: 'duplicate' };
    return { kind: 'full', destination: names[-r - 1] ?? '?' };
  }

  /** What is left to deliver to a destination, read at scrape time; ages by Redis' clock, which stamped the entry ids. */
  async state(destination: string): Promise<LogBufferState> {
    const c = logBufferContract(destination);
    const [len, first, group, time] = await Promise.all([
      this.redis.xlen(c.key),
      this.redis.xrange(c.key, '-', '+', 'COUNT', 1),
      streamGroupInfo(this.redis, c.key, c.group),
      this.redis.time(),
    ]);
    const nowMs = Number(time[0]) * 1000 + Math.floor(Number(time[1]) / 1000);
    const firstId = first[0]?.[0];
    const oldestAgeMs = firstId ? Math.max(0, nowMs - Number(firstId.split('-')[0])) : 0;
    return { undelivered: len, pending: group.pending, oldestAgeMs, groupExists: group.exists };
  }
}
