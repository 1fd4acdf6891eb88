import type { Provider } from '@nestjs/common';
import { FeedStore } from './feed-store';
import { VulnerabilitiesWebhookJob } from './vulnerabilities-webhook.job';
import { VulnerabilityMatchWorker } from './vulnerability-match.worker';
import { VulnerabilityRun } from './vulnerability-run';
import { VulnerabilityMetrics } from './vulnerability.metrics';

/**
 * The vulnerability processing of the live-query role: the `vulnerabilities` schedule's run (on the
 * schedules' lease and cron_stats), the `vulnerability_match` job consumer, the feeds of this replica and
 * the vulnerabilities webhook job of `automations`.
 */
export const VULNERABILITY_PROVIDERS: Provider[] = [FeedStore, VulnerabilityMetrics, VulnerabilityRun, VulnerabilityMatchWorker, VulnerabilitiesWebhookJob];
