import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { FixedClock } from '@fleet/domain';
import { CampaignStore, closeRedis, createRedis, LiveQueryAnswerStore, liveQueryKeys, redisReady } from '@fleet/messaging';
import type { RedisClient } from '@fleet/messaging';
import { testConfig } from '@fleet/testing';
import { ACTIVE_CAMPAIGNS_TTL_MS, LiveQueryReader } from './live-query.reader';

/** The reader with the real stores on the real Redis and a clock the test moves. */
describe('LiveQueryReader', () => {
  const clock = new FixedClock(Date.parse('2026-12-01T09:00:00Z'));
  let redis: RedisClient;
  let reader: LiveQueryReader;

  const launch = async (id: number, sql: string, hostIds: number[]): Promise<void> => {
    await redis.set(liveQueryKeys.sql(id), sql);
    for (const h of hostIds) await redis.setbit(liveQueryKeys.targets(id), h, 1);
    await redis.sadd(liveQueryKeys.active, String(id));
  };

  beforeAll(async () => {
    redis = createRedis(testConfig({ redis_key_prefix: `fleet_test_lq_reader_${randomBytes(4).toString('hex')}:` }));
    await redisReady(redis, 5000);
    reader = new LiveQueryReader(new CampaignStore(redis), new LiveQueryAnswerStore(redis), clock, pino({ level: 'silent' }));
  });
  afterAll(() => closeRedis(redis));

  it('hands a host the campaigns that target it, and sees a new campaign once the active list is re-read', async () => {
    await launch(1, 'SELECT 1;', [5, 6]);
    expect(await reader.pendingFor(5)).toEqual(new Map([[1, 'SELECT 1;']]));
    expect(await reader.pendingFor(7)).toEqual(new Map());

    await launch(2, 'SELECT 2;', [5]);
    clock.advance(ACTIVE_CAMPAIGNS_TTL_MS);
    expect(await reader.pendingFor(5)).toEqual(new Map([[1, 'SELECT 1;']]));
    clock.advance(1);
    expect(await reader.pendingFor(5)).toEqual(new Map([[1, 'SELECT 1;'], [2, 'SELECT 2;']]));
  });

  it('stops handing out a campaign the host answered or that ended', async () => {
    await redis.setbit(liveQueryKeys.targets(1), 5, 0);
    expect([...(await reader.pendingFor(5)).keys()]).toEqual([2]);
    await redis.srem(liveQueryKeys.active, '2');
    await redis.del(liveQueryKeys.sql(2), liveQueryKeys.targets(2));
    clock.advance(ACTIVE_CAMPAIGNS_TTL_MS + 1);
    expect(await reader.pendingFor(5)).toEqual(new Map());
  });

  it('yields nothing, without failing the check-in, when Redis is unreachable', async () => {
    const down = createRedis(testConfig({ redis_address: '127.0.0.1:1' }));
    const blind = new LiveQueryReader(new CampaignStore(down), new LiveQueryAnswerStore(down), clock, pino({ level: 'silent' }));
    expect(await blind.pendingFor(5)).toEqual(new Map());
    down.disconnect();
  });
});
