export { closeRedis, createRedis, pingRedis } from './redis.factory';
export type { RedisClient, RedisClientOptions } from './redis.factory';
export { bumpAgentConfigVersion, hostCacheKeys, invalidateHostCache } from './host-cache';
