import { Module } from '@nestjs/common';
import type { Provider } from '@nestjs/common';
import { JobQueueModule } from '@fleet/platform';
import { CampaignSupervisor } from './campaigns/campaign-supervisor';
import { LiveQueryMetrics } from './campaigns/live-query.metrics';
import { CRON_PROVIDERS } from './cron/cron.providers';
import { JOBS_PROVIDERS } from './jobs/jobs.providers';
import { VULNERABILITY_PROVIDERS } from './vulnerabilities/vulnerabilities.providers';

const PROVIDERS: Provider[] = [LiveQueryMetrics, CampaignSupervisor, ...CRON_PROVIDERS, ...JOBS_PROVIDERS, ...VULNERABILITY_PROVIDERS];

/**
 * The live-query role: the fan-in side of campaigns (counting answers, status events, ending campaigns on
 * completion or timeout, metrics). Campaigns are created by the gateway through the shared CampaignStore, so
 * creating one needs no round trip to this role; several replicas of it share the work through Redis leases.
 * It also runs the background schedules (cleanups, automations), one run at a time across its replicas,
 * and the workers of retried jobs (webhook deliveries, through the JobQueue). Timings come from the
 * `live_query.*` and `schedules.*` options.
 */
@Module({ imports: [JobQueueModule], providers: PROVIDERS })
export class LiveQueryModule {}
