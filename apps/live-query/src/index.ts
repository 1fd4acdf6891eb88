export { LiveQueryModule } from './live-query.module';
export { DEFAULT_LIVE_QUERY_SETTINGS } from './live-query.settings';
export type { LiveQuerySettings } from './live-query.settings';
export { DEFAULT_CRON_SETTINGS } from './cron/cron.settings';
export type { CronSettings } from './cron/cron.settings';
