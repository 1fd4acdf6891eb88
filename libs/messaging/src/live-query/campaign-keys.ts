import { liveQueryKeys } from '../live-query.keys';

/** Keys the campaign lifecycle adds to the shared layout of live-query.keys.ts. */
export const campaignKeys = {
  ...liveQueryKeys,
  /** HASH: totals fixed at launch (count/online/offline/missing), counters kept by the supervisor, `ended`. */
  meta: (campaignId: number): string => `fleet:lq:{${campaignId}}:meta`,
  /** String lease: which live-query replica is counting this campaign's answers right now. */
  lease: (campaignId: number): string => `fleet:lq:{${campaignId}}:lease`,
} as const;

/** Lifetime of a campaign's keys from launch: a safety net if no live-query replica ever ends it (Fleet: 24 h). */
export const CAMPAIGN_KEY_TTL_SECONDS = 24 * 3600;
