import { Inject, Injectable } from '@nestjs/common';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { createRedis, followCampaign } from '@fleet/messaging';
import type { FollowOutcome } from '@fleet/messaging';
import type { FleetMessage } from './campaign-message.mapper';
import { toFleetMessage } from './campaign-message.mapper';

/** A Redis stream id, as SSE clients send back in Last-Event-ID. */
export const STREAM_ID = /^\d{1,20}-\d{1,20}$/;

/**
 * Streams one campaign to one client (WebSocket or SSE) on a dedicated blocking Redis connection, from the
 * client's resume point. Each entry is delivered with its stream id; the stream is the only source, so any
 * gateway replica serves any client and a reconnecting client continues exactly after its last id.
 */
@Injectable()
export class CampaignStreamService {
  constructor(@Inject(FLEET_CONFIG) private readonly config: FleetConfig) {}

  async follow(campaignId: number, afterId: string, signal: AbortSignal, send: (streamId: string, msg: FleetMessage) => void): Promise<FollowOutcome> {
    const conn = createRedis(this.config, { blocking: true });
    const abort = (): void => conn.disconnect();
    signal.addEventListener('abort', abort, { once: true });
    try {
      return await followCampaign(conn, campaignId, {
        afterId: STREAM_ID.test(afterId) ? afterId : '0-0',
        blockMs: 5000,
        isClosed: () => signal.aborted,
        onEntry: (entry) => send(entry.id, toFleetMessage(campaignId, entry.event)),
      });
    } catch (err) {
      if (signal.aborted) return 'closed';
      throw err;
    } finally {
      signal.removeEventListener('abort', abort);
      conn.disconnect();
    }
  }
}
