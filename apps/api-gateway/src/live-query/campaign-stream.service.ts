import { Injectable } from '@nestjs/common';
import { CampaignResultsFeed } from '@fleet/messaging';
import type { FollowOutcome } from '@fleet/messaging';
import type { FleetMessage } from './campaign-message.mapper';
import { toFleetMessage } from './campaign-message.mapper';

/** A Redis stream id, as SSE clients send back in Last-Event-ID. */
export const STREAM_ID = /^\d{1,20}-\d{1,20}$/;

/**
 * Streams one campaign to one client (WebSocket or SSE) from the client's resume point. Each entry is delivered
 * with its stream id; the stream is the only source, so any gateway replica serves any client and a reconnecting
 * client continues exactly after its last id.
 */
@Injectable()
export class CampaignStreamService {
  constructor(private readonly feed: CampaignResultsFeed) {}

  async follow(campaignId: number, afterId: string, signal: AbortSignal, send: (streamId: string, msg: FleetMessage) => void): Promise<FollowOutcome> {
    return this.feed.follow(campaignId, {
      afterId: STREAM_ID.test(afterId) ? afterId : '0-0',
      blockMs: 5000,
      isClosed: () => signal.aborted,
      signal,
      onEntry: (entry) => send(entry.id, toFleetMessage(campaignId, entry.event)),
    });
  }
}
