import type { Provider } from '@nestjs/common';
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

/** The gateway's live-query controllers (listed in ADMIN_CONTROLLERS, so the route-walk tests cover them). */
export const LIVE_QUERY_CONTROLLERS = [LiveQueryController, TargetsController, CampaignEventsController, LiveQueryStatusController];

/** Services of the gateway's live-query context. */
export const LIVE_QUERY_API_PROVIDERS: Provider[] = [
  LiveQueryStatusService, CampaignService, SyncRunService, TargetsService, CampaignStreamService, ResultsWebSocketServer,
];
