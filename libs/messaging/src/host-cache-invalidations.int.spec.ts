import { randomBytes } from 'node:crypto';
import { eventually, testConfig } from '@fleet/testing';
import type { AgentHost } from '@fleet/domain';
import { HostCacheInvalidationFollower } from './host-cache-invalidations';
import type { HostCacheInvalidationListener } from './host-cache-invalidations';
import { HostCacheStore } from './host-cache.store';
import type { HostCacheInvalidation } from './host-cache.store';
import { closeRedis, createRedis, redisReady } from './redis.factory';
import type { RedisClient } from './redis.factory';

class Recorder implements HostCacheInvalidationListener {
  resets = 0;
  readonly notices: HostCacheInvalidation[] = [];
  reset(): void {
    this.resets += 1;
  }
  invalidated(notice: HostCacheInvalidation): void {
    this.notices.push(notice);
  }
}

const host = (id: number): AgentHost => ({
  id, nodeKey: `nk-${id}`, osqueryHostId: `oh-${id}`, teamId: null, platform: 'ubuntu', hostname: `h${id}`,
  refetchRequested: false, detailUpdatedAt: 0, labelUpdatedAt: 0, policyUpdatedAt: 0, lastEnrolledAt: 0, intervals: '0/0/0',
});

/** The host-cache invalidation stream against the real Redis: what one process announces, another's follower hears. */
describe('HostCacheInvalidationFollower', () => {
  let redis: RedisClient;
  let follower: HostCacheInvalidationFollower;
  let config: ReturnType<typeof testConfig>;

  beforeEach(async () => {
    config = testConfig({ redis_key_prefix: `fleet_test_hci_${randomBytes(4).toString('hex')}:` });
    redis = createRedis(config);
    await redisReady(redis, 5000);
  });
  afterEach(async () => {
    await follower.stop();
    await closeRedis(redis);
  });

  it('resets its listener when it starts, then hears every invalidation, update and forget in order', async () => {
    const heard = new Recorder();
    const admin = new HostCacheStore(redis, 60, 'admin');
    await admin.invalidate(99); // before the follower started: covered by its reset
    follower = HostCacheInvalidationFollower.forConfig(config, heard);
    follower.start();
    await eventually('the first reset', () => heard.resets, (n) => n === 1, 10_000, 20);
    await admin.put(host(1));
    await admin.invalidate(1, 2);
    await admin.update('nk-3', { refetchRequested: true });
    await admin.forget('nk-4');
    await eventually('three notices', () => heard.notices.length, (n) => n >= 3, 10_000, 20);
    expect(heard.notices).toEqual([
      { hostIds: [1, 2], nodeKeys: [], origin: 'admin', patched: false },
      { hostIds: [], nodeKeys: ['nk-3'], origin: 'admin', patched: true },
      { hostIds: [], nodeKeys: ['nk-4'], origin: 'admin', patched: false },
    ]);
    expect(await admin.get('nk-1')).toBeNull();
  });

  it('resets its listener again when its connection is cut, and goes on hearing afterwards', async () => {
    const heard = new Recorder();
    const admin = new HostCacheStore(redis, 60, 'admin');
    follower = HostCacheInvalidationFollower.forConfig(config, heard);
    follower.start();
    await eventually('the first reset', () => heard.resets, (n) => n === 1, 10_000, 20);
    const clients = (await redis.client('LIST')) as string;
    const blocked = clients.split('\n').filter((l) => / cmd=xread/.test(l)).map((l) => /id=(\d+)/.exec(l)?.[1]);
    expect(blocked.length).toBeGreaterThan(0);
    for (const id of blocked) await redis.client('KILL', 'ID', String(id));
    // Reset once when the connection closes, and again once the follower has found its new starting point (what
    // was announced in between is covered by that reset, not replayed).
    await eventually('two resets after the cut', () => heard.resets, (n) => n >= 3, 15_000, 20);
    await admin.invalidate(5);
    await eventually('the notice after the cut', () => heard.notices.some((n) => n.hostIds.includes(5)), Boolean, 10_000, 20);
  });
});
