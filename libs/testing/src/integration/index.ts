export { startTestApp } from './test-app';
export type { TestApp, TestAppOptions } from './test-app';
export { createTestDatabase } from './test-database';
export type { TestDatabase } from './test-database';
export { testConfig, TEST_MYSQL_ADDRESS, TEST_REDIS_ADDRESS } from './test-config';
export { TcpProxy } from './tcp-proxy';
export { eventually } from './eventually';
export { RedisServerProcess } from './redis-server';
