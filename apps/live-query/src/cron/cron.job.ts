import type { CronScheduleName } from '@fleet/contracts';

/** One piece of a schedule's work; a failure is recorded and the schedule goes on with its next job. */
export interface CronJob {
  readonly name: string;
  run(): Promise<void>;
}

/** A named schedule: how often it runs and the jobs it runs, in order. */
export interface CronSchedule {
  readonly name: CronScheduleName;
  intervalMs(): Promise<number>;
  readonly jobs: readonly CronJob[];
}

export const CRON_SCHEDULE_LIST = Symbol('CRON_SCHEDULE_LIST');
