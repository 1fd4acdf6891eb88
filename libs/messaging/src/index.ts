export { closeRedis, createRedis, pingRedis, redisReady } from './redis.factory';
export type { RedisClient, RedisClientOptions } from './redis.factory';
export { bumpAgentConfigVersion, hostCacheKeys, invalidateHostCache } from './host-cache';
export { LIVE_QUERY_STREAM_MAXLEN, liveQueryKeys } from './live-query.keys';
export { appendToStream } from './stream-producer';
export { StreamWorker } from './stream-worker';
export type { StreamEntry, StreamWorkerOptions } from './stream-worker';
export * from './live-query';
export { cronKeys, redisLease } from './redis-lease';
