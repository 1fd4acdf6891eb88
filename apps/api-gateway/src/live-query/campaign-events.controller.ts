import { Headers, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Caller } from '@fleet/auth';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { liveQueryRoutes as r } from '@fleet/contracts';
import type { RouteInput } from '@fleet/contracts';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint, In } from '../http/endpoint.decorator';
import { CampaignService } from './campaign.service';
import { CampaignStreamService } from './campaign-stream.service';
import { SseResultsResponse } from './sse-results.response';

/**
 * Server-Sent Events twin of the results websocket: the same messages as `event: <type>` with
 * `data: {"type","data"}` and `id: <Redis stream id>`. A client reconnecting with `Last-Event-ID` (or
 * `?last_event_id=`) resumes right after that entry. The response ends after the campaign's final status, or
 * after a final `error` event when the client did not read its results in time (server.websocket_client_buffer).
 */
@AdminApi()
export class CampaignEventsController {
  constructor(private readonly campaigns: CampaignService, private readonly streams: CampaignStreamService,
    @Inject(FLEET_CONFIG) private readonly config: FleetConfig) {}

  @Endpoint(r.events)
  async events(@CurrentCaller() caller: Caller, @In() { params, query }: RouteInput<typeof r.events>,
    @Headers('last-event-id') lastEventHeader: string | string[] | undefined, @Res() reply: FastifyReply): Promise<void> {
    const campaignId = params.id;
    await this.campaigns.ownCampaign(caller, campaignId);
    const after = (Array.isArray(lastEventHeader) ? lastEventHeader[0] : lastEventHeader) ?? query.last_event_id ?? '0-0';
    reply.hijack();
    const sse = new SseResultsResponse(reply.raw, caller.ip, this.config.server.websocket_slow_client_timeout);
    sse.open();
    try {
      const outcome = await this.streams.follow(campaignId, after, sse);
      if (outcome === 'gone') sse.error(`results of campaign ${campaignId} are no longer available`);
    } finally {
      sse.end();
    }
  }
}
