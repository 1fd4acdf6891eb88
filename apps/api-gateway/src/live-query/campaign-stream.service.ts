import { Inject, Injectable } from '@nestjs/common';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { CampaignResultsFeed } from '@fleet/messaging';
import type { FollowOutcome } from '@fleet/messaging';
import type { Logger } from '@fleet/observability';
import { LOGGER } from '@fleet/platform';
import type { FleetMessage } from './campaign-message.mapper';
import { toFleetMessage } from './campaign-message.mapper';
import { clientBufferBounds, waitForRoom } from './client-buffer';
import type { ClientBufferBounds, ClientSink } from './client-buffer';

/** A Redis stream id, as SSE clients send back in Last-Event-ID. */
export const STREAM_ID = /^\d{1,20}-\d{1,20}$/;

/** Logged once for every client dropped for not reading its results. */
export const SLOW_CLIENT_LOG = 'live query: slow results client dropped';

/** One client of a campaign's results: where its messages go, and how full its socket is. */
export interface ResultsClient extends ClientSink {
  readonly transport: 'websocket' | 'sse';
  readonly ip: string;
  /** Aborted when the client went away. */
  readonly signal: AbortSignal;
  send(streamId: string, msg: FleetMessage): void;
  /** Tells a client dropped for slowness why (a final error) and closes it; called at most once. */
  dropSlow(reason: string): void;
}

/** `dropped`: the client stayed above its buffer bound too long and was closed. */
export type StreamOutcome = FollowOutcome | 'dropped';

/**
 * Streams one campaign to one client (WebSocket or SSE) from the client's resume point. Each entry is delivered
 * with its stream id; the stream is the only source, so any gateway replica serves any client and a reconnecting
 * client continues exactly after its last id. The stream is read for a client only while its socket has room
 * (server.websocket_client_buffer), so a client that stops reading holds a bounded amount of memory however large
 * the campaign, and one that stays full for server.websocket_slow_client_timeout is dropped.
 */
@Injectable()
export class CampaignStreamService {
  private readonly bounds: ClientBufferBounds;

  constructor(private readonly feed: CampaignResultsFeed, @Inject(FLEET_CONFIG) config: FleetConfig, @Inject(LOGGER) private readonly logger: Logger) {
    this.bounds = clientBufferBounds(config);
  }

  async follow(campaignId: number, afterId: string, client: ResultsClient): Promise<StreamOutcome> {
    const stop = new AbortController();
    const signal = AbortSignal.any([client.signal, stop.signal]);
    let dropped = false;
    const outcome = await this.feed.follow(campaignId, {
      afterId: STREAM_ID.test(afterId) ? afterId : '0-0',
      blockMs: 5000,
      maxBatchBytes: this.bounds.highWaterMark,
      isClosed: () => signal.aborted,
      signal,
      onEntry: async (entry) => {
        client.send(entry.id, toFleetMessage(campaignId, entry.event));
        if ((await waitForRoom(client, this.bounds, signal)) !== 'slow') return;
        dropped = true;
        this.logger.warn({
          transport: client.transport, campaign_id: campaignId, ip: client.ip, buffered: client.buffered(),
          high_water_mark: this.bounds.highWaterMark, timeout_ms: this.bounds.slowClientTimeoutMs,
        }, SLOW_CLIENT_LOG);
        stop.abort();
        client.dropSlow(`client too slow: more than ${this.bounds.highWaterMark} bytes unread for ${this.bounds.slowClientTimeoutMs} ms`);
      },
    });
    return dropped ? 'dropped' : outcome;
  }
}
