export { createDataSource, dataSourceOptions, splitHostPort } from './data-source.factory';
export { ensureDatabase, migrationStatus, runMigrations } from './migration.runner';
export type { MigrationStatus } from './migration.runner';
export { pingMysql } from './mysql-health';
export { DataSource } from 'typeorm';
export * from './agent';
export * from './admin';
export * from './live-query';
export * from './cron';
