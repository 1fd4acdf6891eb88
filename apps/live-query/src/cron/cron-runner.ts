import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable } from '@nestjs/common';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Clock, CronScheduleState } from '@fleet/domain';
import { cronKeys, redisLease } from '@fleet/messaging';
import type { RedisClient } from '@fleet/messaging';
import type { Logger } from '@fleet/observability';
import { CronStatsRepository } from '@fleet/persistence';
import { CLOCK, LOGGER, REDIS } from '@fleet/platform';
import { TickLoop } from '../tick-loop';
import { CRON_SCHEDULE_LIST } from './cron.job';
import type { CronSchedule } from './cron.job';
import { CronMetrics } from './cron.metrics';

/**
 * Runs the background schedules on any number of live-query replicas, one run of a schedule at a time across
 * them all. Each tick reads, per schedule, when it last started and whether a trigger waits (one query);
 * a due schedule is run by the replica that takes its Redis lease, which it renews while the run lasts, so
 * a replica that dies mid-run frees the schedule after at most one lease. Runs are recorded in cron_stats.
 */
@Injectable()
export class CronRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly loop: TickLoop;
  private readonly leaseMs: number;
  private stopped = false;
  private readonly active = new Map<string, Promise<void>>();
  readonly instance = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    private readonly runs: CronStatsRepository,
    @Inject(CRON_SCHEDULE_LIST) private readonly schedules: readonly CronSchedule[],
    @Inject(FLEET_CONFIG) config: FleetConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly metrics: CronMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.leaseMs = config.schedules.lease;
    this.loop = new TickLoop(config.schedules.tick_interval, () => this.tick());
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  /** Stops ticking and waits for the runs in progress, so a rolling update never cuts a run short. */
  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.loop.stop();
    await Promise.all(this.active.values());
  }

  /** Starts every due schedule that this replica is not already running; does not wait for the runs. */
  async tick(): Promise<void> {
    let states: Map<string, CronScheduleState>;
    try {
      states = await this.runs.states(this.schedules.map((s) => s.name));
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'cron: cannot read the schedules\' runs');
      return;
    }
    for (const s of this.schedules) {
      if (this.active.has(s.name) || this.stopped) continue;
      const run = this.isDue(s, states.get(s.name)).then((due) => (due ? this.runLeased(s) : undefined)).catch((err: unknown) => {
        this.logger.warn({ schedule: s.name, err: (err as Error).message }, 'cron: run failed');
      }).finally(() => this.active.delete(s.name));
      this.active.set(s.name, run);
    }
  }

  private async isDue(s: CronSchedule, state: CronScheduleState | undefined): Promise<boolean> {
    if (!state || state.queued || state.lastStartedAt === null) return true;
    return this.clock.now().getTime() - state.lastStartedAt.getTime() >= (await s.intervalMs());
  }

  private async runLeased(s: CronSchedule): Promise<void> {
    const key = cronKeys.lease(s.name);
    const token = `${this.instance}:${Date.now()}`;
    if (!(await redisLease.acquire(this.redis, key, token, this.leaseMs))) return;
    const renew = setInterval(() => {
      redisLease.renew(this.redis, key, token, this.leaseMs).then((held) => {
        if (!held) this.logger.warn({ schedule: s.name }, 'cron: lost the lease of a running schedule');
      }, (err: unknown) => this.logger.warn({ schedule: s.name, err: (err as Error).message }, 'cron: cannot renew the lease'));
    }, Math.max(50, Math.floor(this.leaseMs / 3)));
    try {
      // Another replica may have finished a run between the tick's read and this lease: read again.
      if (!(await this.isDue(s, (await this.runs.states([s.name])).get(s.name)))) return;
      await this.execute(s);
    } finally {
      clearInterval(renew);
      await redisLease.release(this.redis, key, token).catch(() => undefined);
    }
  }

  private async execute(s: CronSchedule): Promise<void> {
    const run = await this.runs.start(s.name, this.instance);
    const started = Date.now();
    const errors: Record<string, string> = {};
    for (const job of s.jobs) {
      try {
        await job.run();
      } catch (err) {
        errors[job.name] = (err as Error).message;
        this.metrics.jobFailures.inc({ name: s.name, job: job.name });
        this.logger.error({ schedule: s.name, job: job.name, err: (err as Error).message }, 'cron: job failed');
      }
    }
    const failed = Object.keys(errors).length > 0;
    await this.runs.finish(run, failed ? errors : null);
    this.metrics.runs.inc({ name: s.name, type: run.type });
    this.metrics.duration.observe({ name: s.name }, (Date.now() - started) / 1000);
    this.logger.info({ schedule: s.name, type: run.type, ms: Date.now() - started, failed_jobs: Object.keys(errors) }, 'cron: run completed');
  }
}
