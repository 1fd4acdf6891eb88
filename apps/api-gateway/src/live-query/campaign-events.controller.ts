import { Get, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Caller } from '@fleet/auth';
import { AdminController } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { parseId } from '../http/edge-parse';
import { CampaignService } from './campaign.service';
import { CampaignStreamService } from './campaign-stream.service';

const HEARTBEAT_MS = 15_000;

/**
 * Server-Sent Events twin of the results websocket: the same messages as `event: <type>` with
 * `data: {"type","data"}` and `id: <Redis stream id>`. A client reconnecting with `Last-Event-ID` (or
 * `?last_event_id=`) resumes right after that entry. The response ends after the campaign's final status.
 */
@AdminController('results')
export class CampaignEventsController {
  constructor(private readonly campaigns: CampaignService, private readonly streams: CampaignStreamService) {}

  @Get(':id/events')
  async events(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query('last_event_id') lastEventId: string | undefined,
    @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const campaignId = parseId(id);
    await this.campaigns.ownCampaign(caller, campaignId);
    const header = req.headers['last-event-id'];
    const after = (Array.isArray(header) ? header[0] : header) ?? lastEventId ?? '0-0';
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
