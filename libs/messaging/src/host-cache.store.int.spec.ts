import { randomBytes } from 'node:crypto';
import { testConfig } from '@fleet/testing';
import type { AgentHost } from '@fleet/domain';
import { HostCacheStore, hostCacheKeys } from './host-cache.store';
import { closeRedis, createRedis, redisReady } from './redis.factory';
import type { RedisClient } from './redis.factory';

const host = (id: number, over: Partial<AgentHost> = {}): AgentHost => ({
  id, nodeKey: `nk-${id}`, osqueryHostId: `oh-${id}`, teamId: 4, platform: 'darwin', hostname: `h${id}.local`,
  refetchRequested: true, detailUpdatedAt: 1_700_000_000_000, labelUpdatedAt: 0, policyUpdatedAt: 5, lastEnrolledAt: 1_700_000_000_001, intervals: '10/60/10', ...over,
});

/** The host cache's own commands against the real Redis. */
describe('HostCacheStore', () => {
  let redis: RedisClient;
  let store: HostCacheStore;

  beforeEach(async () => {
    redis = createRedis(testConfig({ redis_key_prefix: `fleet_test_hcs_${randomBytes(4).toString('hex')}:` }));
    await redisReady(redis, 5000);
    store = new HostCacheStore(redis, 120, 'test');
  });
  afterEach(async () => closeRedis(redis));

  it('puts a host that reads back the same, with its expiry and the id → node key entry', async () => {
    await store.put(host(7));
    expect(await store.get('nk-7')).toEqual(host(7));
    await store.put(host(8, { teamId: null, refetchRequested: false }));
    expect(await store.get('nk-8')).toEqual(host(8, { teamId: null, refetchRequested: false }));
    const ttl = await redis.ttl(hostCacheKeys.byNodeKey('nk-7'));
    expect(ttl).toBeGreaterThan(100);
    expect(ttl).toBeLessThanOrEqual(120);
    expect(await redis.get(hostCacheKeys.nodeKeyOf(7))).toBe('nk-7');
    expect(await redis.ttl(hostCacheKeys.nodeKeyOf(7))).toBeGreaterThan(100);
  });

  it('replaces the whole hash on a put: a field left from before is gone', async () => {
    await redis.hset(hostCacheKeys.byNodeKey('nk-9'), 'stale', 'x', 'hostname', 'old');
    await store.put(host(9));
    expect(await redis.hgetall(hostCacheKeys.byNodeKey('nk-9'))).not.toHaveProperty('stale');
    expect(await store.get('nk-9')).toEqual(host(9));
  });

  it('updates a cached host in place and leaves an uncached one absent', async () => {
    await store.put(host(10));
    await store.update('nk-10', { hostname: 'renamed', refetchRequested: false });
    expect(await store.get('nk-10')).toEqual(host(10, { hostname: 'renamed', refetchRequested: false }));
    await store.update('nk-11', { hostname: 'ghost' });
    expect(await redis.exists(hostCacheKeys.byNodeKey('nk-11'))).toBe(0);
  });
});
