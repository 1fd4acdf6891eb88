import { Headers, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Caller } from '@fleet/auth';
import { liveQueryRoutes as r } from '@fleet/contracts';
import type { RouteInput } from '@fleet/contracts';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint, In } from '../http/endpoint.decorator';
import { CampaignService } from './campaign.service';
import { CampaignStreamService } from './campaign-stream.service';

const HEARTBEAT_MS = 15_000;

/**
 * Server-Sent Events twin of the results websocket: the same messages as `event: <type>` with
 * `data: {"type","data"}` and `id: <Redis stream id>`. A client reconnecting with `Last-Event-ID` (or
 * `?last_event_id=`) resumes right after that entry. The response ends after the campaign's final status.
 */
@AdminApi()
export class CampaignEventsController {
  constructor(private readonly campaigns: CampaignService, private readonly streams: CampaignStreamService) {}

  @Endpoint(r.events)
  async events(@CurrentCaller() caller: Caller, @In() { params, query }: RouteInput<typeof r.events>,
    @Headers('last-event-id') lastEventHeader: string | string[] | undefined, @Res() reply: FastifyReply): Promise<void> {
    const campaignId = params.id;
    await this.campaigns.ownCampaign(caller, campaignId);
    const after = (Array.isArray(lastEventHeader) ? lastEventHeader[0] : lastEventHeader) ?? query.last_event_id ?? '0-0';
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    raw.write('retry: 1000\n\n');
    const aborter = new AbortController();
    raw.on('close', () => aborter.abort());
    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
    try {
      const outcome = await this.streams.follow(campaignId, after, aborter.signal, (streamId, msg) => {
        raw.write(`id: ${streamId}\nevent: ${msg.type}\ndata: ${JSON.stringify(msg)}\n\n`);
      });
      if (outcome === 'gone') raw.write(`event: error\ndata: ${JSON.stringify({ type: 'error', data: `results of campaign ${campaignId} are no longer available` })}\n\n`);
    } finally {
      clearInterval(heartbeat);
      raw.end();
    }
  }
}
