import type { Provider } from '@nestjs/common';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { AutomationJobs } from './automation.jobs';
import { CleanupJobs } from './cleanup.jobs';
import { CRON_SCHEDULE_LIST } from './cron.job';
import type { CronSchedule } from './cron.job';
import { CronMetrics } from './cron.metrics';
import { CronRunner } from './cron-runner';
import { HostStatusHistoryJobs } from './host-status-history.jobs';
import { WebhookDeliveries } from './webhook-deliveries';
import { VulnerabilitiesWebhookJob } from '../vulnerabilities/vulnerabilities-webhook.job';
import { VulnerabilityRun } from '../vulnerabilities/vulnerability-run';

/**
 * The background schedules of the live-query role; their timing is `schedules.*` of the configuration.
 * Webhook POSTs are queued (WebhookDeliveries needs the JobQueue of JobQueueModule).
 */
export const CRON_PROVIDERS: Provider[] = [
  WebhookDeliveries,
  CleanupJobs,
  HostStatusHistoryJobs,
  AutomationJobs,
  {
    provide: CRON_SCHEDULE_LIST,
    useFactory: (cleanup: CleanupJobs, history: HostStatusHistoryJobs, automations: AutomationJobs, config: FleetConfig,
      vulnerabilities: VulnerabilityRun, vulnerabilitiesWebhook: VulnerabilitiesWebhookJob): CronSchedule[] => [
      { name: 'cleanups_then_aggregation', intervalMs: () => Promise.resolve(config.schedules.cleanups_interval), jobs: [...cleanup.jobs(), ...history.jobs()] },
      { name: 'automations', intervalMs: () => automations.intervalMs(), jobs: [...automations.jobs(), ...vulnerabilitiesWebhook.jobs()] },
      ...(config.vulnerabilities.disable_schedule ? [] : [{ name: 'vulnerabilities' as const, intervalMs: () => vulnerabilities.intervalMs(), jobs: vulnerabilities.jobs() }]),
    ],
    inject: [CleanupJobs, HostStatusHistoryJobs, AutomationJobs, FLEET_CONFIG, VulnerabilityRun, VulnerabilitiesWebhookJob],
  },
  CronMetrics,
  CronRunner,
];
