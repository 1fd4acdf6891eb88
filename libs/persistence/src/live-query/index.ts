export * from './campaign.repository';
export * from './live-query-target.repository';
