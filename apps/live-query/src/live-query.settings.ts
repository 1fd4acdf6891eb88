import { DEFAULT_RESULT_RETENTION_SECONDS } from '@fleet/messaging';

export const LIVE_QUERY_SETTINGS = Symbol('LIVE_QUERY_SETTINGS');

/** Timing of the live-query role. Defaults suit production; tests shorten them through LiveQueryModule.withSettings. */
export interface LiveQuerySettings {
  /** How often each replica looks at the active campaigns. Bounds the delay of status events and of the end. */
  readonly tickMs: number;
  /**
   * A campaign still waiting for online targets this long after launch ends as `timed_out`. Fleet has no
   * server deadline (the client stops it) and cleans up after 24 h; we end it ourselves because clients here
   * may come and go (reconnects, SSE), so no single client owns the campaign's lifetime.
   */
  readonly campaignTimeoutMs: number;
  /** How long the results stream stays readable after the end. */
  readonly resultRetentionSeconds: number;
  /** Lease a replica holds on one campaign while counting it; must exceed one visit. */
  readonly leaseMs: number;
}

export const DEFAULT_LIVE_QUERY_SETTINGS: LiveQuerySettings = {
  tickMs: 250,
  campaignTimeoutMs: 10 * 60_000,
  resultRetentionSeconds: DEFAULT_RESULT_RETENTION_SECONDS,
  leaseMs: 10_000,
};
