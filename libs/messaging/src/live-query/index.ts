export * from './campaign-event.schema';
export { CAMPAIGN_KEY_TTL_SECONDS, campaignKeys } from './campaign-keys';
export { CampaignStore } from './campaign.store';
export type { CampaignLaunch, CampaignMeta } from './campaign.store';
export { followCampaign, rangeCampaignStream } from './campaign-stream.reader';
export type { FollowOptions, FollowOutcome } from './campaign-stream.reader';
export { CampaignResultsFeed } from './campaign-results.feed';
export type { FeedOptions } from './campaign-results.feed';
export { targetBitmap } from './target-bitmap';
