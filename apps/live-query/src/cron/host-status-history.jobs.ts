import { Inject, Injectable } from '@nestjs/common';
import type { Clock } from '@fleet/domain';
import type { Logger } from '@fleet/observability';
import { HostStatsRepository } from '@fleet/persistence';
import { CLOCK, LOGGER } from '@fleet/platform';
import type { CronJob } from './cron.job';

/** Samples are kept a day longer than the dashboard's longest window (7 days). */
export const HOST_STATUS_RETENTION_MS = 8 * 24 * 3600_000;

/**
 * The aggregation half of `cleanups_then_aggregation` for the dashboard: each run records every team's online
 * and total host counts as of now (the chart's points, one per run: hourly by default, `schedules.cleanups_interval`)
 * and drops samples older than the retention.
 */
@Injectable()
export class HostStatusHistoryJobs {
  constructor(private readonly stats: HostStatsRepository, @Inject(CLOCK) private readonly clock: Clock, @Inject(LOGGER) private readonly logger: Logger) {}

  jobs(): CronJob[] {
    return [{ name: 'host_status_history', run: () => this.record() }];
  }

  private async record(): Promise<void> {
    const now = this.clock.now();
    const teams = await this.stats.recordStatus(now);
    await this.stats.pruneStatus(new Date(now.getTime() - HOST_STATUS_RETENTION_MS));
    this.logger.debug({ teams }, 'cron: recorded host status history');
  }
}
