/** How a run of a background schedule came about: its interval elapsed, or someone asked (POST /trigger). */
export type CronRunType = 'scheduled' | 'triggered';
/** `queued`: a trigger waits; `pending`: a replica is running it; `expired`: its replica died mid-run. */
export type CronRunStatus = 'queued' | 'pending' | 'completed' | 'expired';

/** What the runner needs to decide whether a schedule is due. */
export interface CronScheduleState {
  /** Start of the latest run that was not merely queued; null when the schedule never ran. */
  readonly lastStartedAt: Date | null;
  /** A triggered run waits. */
  readonly queued: boolean;
}

/** One recorded run of a schedule (Fleet's cron_stats row). */
export interface CronRunRecord {
  readonly id: number;
  readonly name: string;
  readonly instance: string;
  readonly type: CronRunType;
  readonly status: CronRunStatus;
  /** Each failed job's message by job name; null when every job succeeded (or the run has not finished). */
  readonly errors: Record<string, string> | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The run a replica started: the records it turned into `pending` (several queued triggers are one run). */
export interface CronRunStart {
  readonly ids: readonly number[];
  readonly type: CronRunType;
}
