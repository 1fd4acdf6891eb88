import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable } from '@nestjs/common';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Clock, CronScheduleState } from '@fleet/domain';
import { CronLeaseStore } from '@fleet/messaging';
import type { Logger } from '@fleet/observability';
import { CronStatsRepository } from '@fleet/persistence';
import { CLOCK, LOGGER } from '@fleet/platform';
import { TickLoop } from '../tick-loop';
import { CRON_SCHEDULE_LIST } from './cron.job';
import type { CronSchedule } from './cron.job';
import { CronMetrics } from './cron.metrics';

/**
 * Runs the background schedules on any number of live-query replicas, one run of a schedule at a time across
 * them all. Each tick reads, per schedule, when it last started and whether a trigger waits (one query);
 * a due schedule is run by the replica that takes its lease (CronLeaseStore), which it renews while the run
 * lasts, so a replica that dies mid-run frees the schedule after at most one lease. Runs are recorded in
 * cron_stats. A tick ends once every due schedule's lease was tried (the runs go on in the background) and
 * is then counted in `fleet_cron_ticks_total`.
 */
@Injectable()
export class CronRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly loop: TickLoop;
  private readonly leaseMs: number;
  private stopped = false;
  private readonly active = new Map<string, Promise<void>>();
  /** Makes each lease holder unique, so a late release never frees a later run's lease. */
  private attempts = 0;
  readonly instance = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(
    private readonly leases: CronLeaseStore,
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
    await this.idle();
  }

  /** Resolves once the runs this replica has started so far have ended (their leases released). */
  async idle(): Promise<void> {
    await Promise.all(this.active.values());
  }

  /**
   * Starts every due schedule that this replica is not already running and whose lease it takes; resolves
   * when that is decided, without waiting for the runs.
   */
  async tick(): Promise<void> {
    try {
      let states: Map<string, CronScheduleState>;
      try {
        states = await this.runs.states(this.schedules.map((s) => s.name));
      } catch (err) {
        this.logger.warn({ err: (err as Error).message }, 'cron: cannot read the schedules\' runs');
        return;
      }
      await Promise.all(this.schedules.map((s) => this.consider(s, states.get(s.name))));
    } finally {
      this.metrics.ticks.inc();
    }
  }

  /** Starts `s` in the background when it is due and this replica takes its lease. */
  private async consider(s: CronSchedule, state: CronScheduleState | undefined): Promise<void> {
    if (this.active.has(s.name) || this.stopped) return;
    const holder = `${this.instance}:${++this.attempts}`;
    try {
      if (!(await this.isDue(s, state)) || !(await this.leases.acquire(s.name, holder, this.leaseMs))) return;
    } catch (err) {
      this.logger.warn({ schedule: s.name, err: (err as Error).message }, 'cron: run failed');
      return;
    }
    const run = this.runLeased(s, holder).catch((err: unknown) => {
      this.logger.warn({ schedule: s.name, err: (err as Error).message }, 'cron: run failed');
    }).finally(() => this.active.delete(s.name));
    this.active.set(s.name, run);
  }

  private async isDue(s: CronSchedule, state: CronScheduleState | undefined): Promise<boolean> {
    if (!state || state.queued || state.lastStartedAt === null) return true;
    return this.clock.now().getTime() - state.lastStartedAt.getTime() >= (await s.intervalMs());
  }

  /** Runs `s` under the lease `holder` already took, renewing it while the run lasts and releasing it after. */
  private async runLeased(s: CronSchedule, holder: string): Promise<void> {
    const renew = setInterval(() => {
      this.leases.renew(s.name, holder, this.leaseMs).then((held) => {
        if (!held) this.logger.warn({ schedule: s.name }, 'cron: lost the lease of a running schedule');
      }, (err: unknown) => this.logger.warn({ schedule: s.name, err: (err as Error).message }, 'cron: cannot renew the lease'));
    }, Math.max(50, Math.floor(this.leaseMs / 3)));
    try {
      // Another replica may have finished a run between the tick's read and this lease: read again.
      if (!(await this.isDue(s, (await this.runs.states([s.name])).get(s.name)))) return;
      await this.execute(s);
    } finally {
      clearInterval(renew);
      await this.leases.release(s.name, holder).catch(() => undefined);
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
