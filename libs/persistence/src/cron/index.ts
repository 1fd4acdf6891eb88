export * from './cron-stats.repository';
export * from './maintenance.repository';
