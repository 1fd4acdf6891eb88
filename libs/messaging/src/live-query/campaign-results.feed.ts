import type { RedisClient } from '../redis.factory';
import { pingRedis } from '../redis.factory';
import { followCampaign } from './campaign-stream.reader';
import type { FollowOptions, FollowOutcome } from './campaign-stream.reader';

export interface FeedOptions extends FollowOptions {
  /** Aborting closes the blocking connection at once, so a gone client does not hold it for a whole XREAD BLOCK. */
  readonly signal?: AbortSignal;
}

/**
 * The result store as the gateway reads it: one campaign's results stream followed for one client (WebSocket,
 * SSE or a synchronous run), each on its own blocking connection opened for the follow and closed after it, and
 * whether Redis answers at all (`/status/result_store`). Services use this instead of Redis connections.
 */
export class CampaignResultsFeed {
  constructor(private readonly redis: RedisClient, private readonly openBlocking: () => RedisClient) {}

  /** Throws when the result store does not answer. */
  async ping(): Promise<void> {
    await pingRedis(this.redis);
  }

  /** Delivers every entry after `afterId` in order; see followCampaign for the outcomes. An abort ends it as 'closed'. */
  async follow(campaignId: number, opts: FeedOptions): Promise<FollowOutcome> {
    const conn = this.openBlocking();
    const abort = (): void => conn.disconnect();
    opts.signal?.addEventListener('abort', abort, { once: true });
    try {
      return await followCampaign(conn, campaignId, opts);
    } catch (err) {
      if (opts.signal?.aborted) return 'closed';
      throw err;
    } finally {
      opts.signal?.removeEventListener('abort', abort);
      conn.disconnect();
    }
  }
}
