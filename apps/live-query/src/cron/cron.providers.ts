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
    useFactory: (cleanup: CleanupJobs, history: HostStatusHistoryJobs, automations: AutomationJobs, config: FleetConfig): CronSchedule[] => [
      { name: 'cleanups_then_aggregation', intervalMs: () => Promise.resolve(config.schedules.cleanups_interval), jobs: [...cleanup.jobs(), ...history.jobs()] },
      { name: 'automations', intervalMs: () => automations.intervalMs(), jobs: automations.jobs() },
    ],
    inject: [CleanupJobs, HostStatusHistoryJobs, AutomationJobs, FLEET_CONFIG],
  },
  CronMetrics,
  CronRunner,
];
