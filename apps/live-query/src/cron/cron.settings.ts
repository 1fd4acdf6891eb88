export const CRON_SETTINGS = Symbol('CRON_SETTINGS');

/** Timing of the background schedules. Defaults suit production; tests shorten them. */
export interface CronSettings {
  /** How often each replica checks whether a schedule is due or triggered; bounds a trigger's delay. */
  readonly tickMs: number;
  /** Lease a replica holds on a schedule while it runs; renewed every third of it, so only a dead replica loses it. */
  readonly leaseMs: number;
  /** Interval of `cleanups_then_aggregation` (Fleet runs it hourly). */
  readonly cleanupIntervalMs: number;
  /**
   * Interval of `automations`; when unset it is the organisation's `webhook_settings.interval` (default 24 h),
   * read at every tick so a change applies without a restart.
   */
  readonly automationsIntervalMs?: number;
  /** How long a webhook destination may take to answer. */
  readonly webhookTimeoutMs: number;
  /** Finished run records older than this are pruned by the cleanup. */
  readonly runRetentionMs: number;
}

export const DEFAULT_CRON_SETTINGS: CronSettings = {
  tickMs: 2_000,
  leaseMs: 60_000,
  cleanupIntervalMs: 3600_000,
  webhookTimeoutMs: 30_000,
  runRetentionMs: 7 * 24 * 3600_000,
};
