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
  while (!opts.isClosed()) {
    const res = (await conn.xread('COUNT', 500, 'BLOCK', opts.blockMs, 'STREAMS', key, last));
    const raw = res?.[0]?.[1] ?? [];
    if (raw.length === 0) {
      if ((await conn.exists(key)) === 0) return 'gone';
      continue;
    }
    last = raw[raw.length - 1][0];
    for (const entry of toEntries(raw)) {
      if (opts.isClosed()) return 'closed';
      await opts.onEntry(entry);
      if (isFinalEvent(entry.event)) return 'ended';
    }
  }
  return 'closed';
}
