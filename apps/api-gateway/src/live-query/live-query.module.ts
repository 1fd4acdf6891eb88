import { Module } from '@nestjs/common';
import { CampaignEventsController } from './campaign-events.controller';
import { CampaignStreamService } from './campaign-stream.service';
import { CampaignService } from './campaign.service';
import { LiveQueryController } from './live-query.controller';
import { LiveQueryStatusController } from './live-query-status.controller';
import { LiveQueryStatusService } from './live-query-status.service';
import { ResultsWebSocketServer } from './results-websocket.server';
import { SyncRunService } from './sync-run.service';
import { TargetsController } from './targets.controller';
import { TargetsService } from './targets.service';

/**
 * Live queries from the admin side: starting and stopping campaigns, the synchronous runs, target search, the
 * readiness checks and the two result streams (SSE here, the results websocket on the HTTP server's upgrade).
 */
@Module({
  controllers: [LiveQueryController, TargetsController, CampaignEventsController, LiveQueryStatusController],
  providers: [LiveQueryStatusService, CampaignService, SyncRunService, TargetsService, CampaignStreamService, ResultsWebSocketServer],
  exports: [CampaignService],
})
export class LiveQueryModule {}
