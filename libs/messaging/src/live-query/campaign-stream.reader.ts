import type { RedisClient } from '../redis.factory';
import type { CampaignStreamEntry } from './campaign-event.schema';
import { isFinalEvent, parseCampaignEvent } from './campaign-event.schema';
import { campaignKeys } from './campaign-keys';

type RawEntry = [id: string, fields: string[]];

function toEntries(raw: RawEntry[]): CampaignStreamEntry[] {
  const out: CampaignStreamEntry[] = [];
  for (const [id, fields] of raw) {
    const i = fields.indexOf('m');
    const event = parseCampaignEvent(i >= 0 ? fields[i + 1] : undefined);
    if (event) out.push({ id, event });
  }
  return out;
}

/** Entries after `afterId` (exclusive), oldest first, without blocking. */
export async function rangeCampaignStream(redis: RedisClient, campaignId: number, afterId: string, count: number): Promise<{ entries: CampaignStreamEntry[]; lastId: string }> {
  const raw = (await redis.xrange(campaignKeys.results(campaignId), `(${afterId}`, '+', 'COUNT', count)) as RawEntry[];
  return { entries: toEntries(raw), lastId: raw.length ? raw[raw.length - 1][0] : afterId };
}

export interface FollowOptions {
  /** Stream id to resume after; '0-0' replays the campaign from its first entry. */
  readonly afterId: string;
  /** Longest single XREAD BLOCK; bounds how long a closed client keeps its connection. */
  readonly blockMs: number;
  readonly isClosed: () => boolean;
  readonly onEntry: (entry: CampaignStreamEntry) => void | Promise<void>;
  /**
   * Bounds what one read holds, for a reader that waits on a slow client between entries: each XREAD asks for as
   * many entries as fit this many bytes at the largest entry seen so far (counted as at least 4 KiB), starting
   * from one and at most doubling per read. Unset: 500 entries per read.
   */
  readonly maxBatchBytes?: number;
}

const MAX_READ_COUNT = 500;
const MIN_ENTRY_ESTIMATE = 4096;

/** The next XREAD COUNT under `maxBatchBytes`, from the previous count and the largest entry seen. */
export function nextReadCount(previous: number, largestEntry: number, maxBatchBytes: number | undefined): number {
  if (maxBatchBytes === undefined) return MAX_READ_COUNT;
  const fit = Math.floor(maxBatchBytes / Math.max(largestEntry, MIN_ENTRY_ESTIMATE));
  return Math.max(1, Math.min(MAX_READ_COUNT, previous * 2, fit));
}

export type FollowOutcome = 'ended' | 'closed' | 'gone';

/**
 * Follows a campaign's results stream with XREAD BLOCK on `conn`, which must be a dedicated blocking
 * connection (createRedis with `blocking`). Delivers every entry after `afterId` in order and returns after
 * the final status entry ('ended'), when the consumer closed ('closed'), or when the stream no longer exists
 * ('gone': expired or never created). Because it reads the stream and not a pub/sub channel, a client that
 * attaches late or reconnects with its last id gets everything it has not seen.
 */
export async function followCampaign(conn: RedisClient, campaignId: number, opts: FollowOptions): Promise<FollowOutcome> {
  const key = campaignKeys.results(campaignId);
  let last = opts.afterId;
  let count = opts.maxBatchBytes === undefined ? MAX_READ_COUNT : 1;
  let largest = 0;
  while (!opts.isClosed()) {
    const res = (await conn.xread('COUNT', count, 'BLOCK', opts.blockMs, 'STREAMS', key, last));
    const raw = res?.[0]?.[1] ?? [];
    if (raw.length === 0) {
      if ((await conn.exists(key)) === 0) return 'gone';
      continue;
    }
    last = raw[raw.length - 1][0];
    for (const [, fields] of raw) largest = Math.max(largest, fields.reduce((n, f) => n + f.length, 0));
    count = nextReadCount(count, largest, opts.maxBatchBytes);
    for (const entry of toEntries(raw)) {
      if (opts.isClosed()) return 'closed';
      await opts.onEntry(entry);
      if (isFinalEvent(entry.event)) return 'ended';
    }
  }
  return 'closed';
}
