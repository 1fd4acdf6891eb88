export { LiveQueryModule } from './live-query.module';
export { DEFAULT_LIVE_QUERY_SETTINGS } from './live-query.settings';
export type { LiveQuerySettings } from './live-query.settings';
