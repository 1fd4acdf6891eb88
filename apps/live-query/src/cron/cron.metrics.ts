import { Injectable } from '@nestjs/common';
import type { Counter, Histogram } from 'prom-client';
import { MetricsRegistry } from '@fleet/observability';

/** Runs of the background schedules, counted by the replica that ran them, and the runner's ticks on this replica. */
@Injectable()
export class CronMetrics {
  readonly runs: Counter<'name' | 'type'>;
  readonly jobFailures: Counter<'name' | 'job'>;
  readonly duration: Histogram<'name'>;
  readonly ticks: Counter;

  constructor(metrics: MetricsRegistry) {
    this.runs = metrics.counter('fleet_cron_runs_total', 'Runs of the background schedules, by schedule and by scheduled or triggered', ['name', 'type']);
    this.jobFailures = metrics.counter('fleet_cron_job_failures_total', 'Jobs of a schedule run that failed', ['name', 'job']);
    this.duration = metrics.histogram('fleet_cron_run_duration_seconds', 'Seconds one schedule run took', [0.01, 0.1, 0.5, 1, 5, 15, 60, 300, 900], ['name']);
    this.ticks = metrics.counter('fleet_cron_ticks_total', 'Passes of the schedule runner over the schedules (each reads their runs and tries the lease of every due one)');
  }
}
