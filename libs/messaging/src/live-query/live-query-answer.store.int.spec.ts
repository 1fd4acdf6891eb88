import { randomBytes } from 'node:crypto';
import { testConfig } from '@fleet/testing';
import { closeRedis, createRedis, redisReady } from '../redis.factory';
import type { RedisClient } from '../redis.factory';
import { liveQueryKeys } from '../live-query.keys';
import { encodeCampaignEvent, parseCampaignEvent } from './campaign-event.schema';
import type { ResultEvent } from './campaign-event.schema';
import { LiveQueryAnswerStore } from './live-query-answer.store';

const result = (hostId: number, rows: Array<Record<string, string>> = []) =>
  encodeCampaignEvent<ResultEvent>({ type: 'result', host_id: hostId, hostname: `h${hostId}`, rows, error: null, stats: {}, at: 1 });

/** The agent side of a campaign against the real Redis, under a key prefix of its own. */
describe('LiveQueryAnswerStore', () => {
  let redis: RedisClient;
  let store: LiveQueryAnswerStore;

  beforeAll(async () => {
    redis = createRedis(testConfig({ redis_key_prefix: `fleet_test_answers_${randomBytes(4).toString('hex')}:` }));
    await redisReady(redis, 5000);
    store = new LiveQueryAnswerStore(redis);
  });
  afterAll(() => closeRedis(redis));

  it('names the campaigns whose targets still include the host', async () => {
    await redis.setbit(liveQueryKeys.targets(1), 5, 1);
    await redis.setbit(liveQueryKeys.targets(2), 6, 1);
    await redis.setbit(liveQueryKeys.targets(3), 5, 1);
    expect(await store.awaitingAnswer(5, [1, 2, 3, 99])).toEqual([1, 3]);
    expect(await store.awaitingAnswer(5, [])).toEqual([]);
  });

  it('reads a campaign\'s SQL, null once it is gone', async () => {
    await redis.set(liveQueryKeys.sql(4), 'SELECT 1;');
    expect(await store.sql(4)).toBe('SELECT 1;');
    expect(await store.sql(5)).toBeNull();
  });

  it('appends the first answer of a targeted host and clears its bit; refuses a second one, an untargeted host and an ended campaign', async () => {
    await redis.setbit(liveQueryKeys.targets(10), 7, 1);
    expect(await store.append(10, 7, result(7, [{ a: '1' }]))).toBe(true);
    expect(await redis.getbit(liveQueryKeys.targets(10), 7)).toBe(0);
    expect(await store.append(10, 7, result(7, [{ a: '2' }]))).toBe(false);
    expect(await store.append(10, 8, result(8))).toBe(false);
    expect(await store.append(11, 7, result(7))).toBe(false);
    const entries = await redis.xrange(liveQueryKeys.results(10), '-', '+');
    expect(entries.map(([, fields]) => parseCampaignEvent(fields[1]))).toEqual([{ type: 'result', host_id: 7, hostname: 'h7', rows: [{ a: '1' }], error: null, stats: {}, at: 1 }]);
    expect(await redis.exists(liveQueryKeys.results(11))).toBe(0);
  });

  it('appends many answers of one campaign in one call with the same checks, one flag per answer in order', async () => {
    for (const host of [1, 2, 3]) await redis.setbit(liveQueryKeys.targets(20), host, 1);
    expect(await store.appendMany(20, [{ hostId: 1, event: result(1) }, { hostId: 4, event: result(4) }, { hostId: 2, event: result(2) }, { hostId: 1, event: result(1) }]))
      .toEqual([true, false, true, false]);
    expect(await store.appendMany(20, [{ hostId: 3, event: result(3, [{ b: '1' }]) }, { hostId: 2, event: result(2) }])).toEqual([true, false]);
    expect(await store.appendMany(21, [{ hostId: 1, event: result(1) }])).toEqual([false]);
    expect(await store.appendMany(20, [])).toEqual([]);
    const entries = await redis.xrange(liveQueryKeys.results(20), '-', '+');
    expect(entries.map(([, fields]) => (parseCampaignEvent(fields[1]) as ResultEvent).host_id)).toEqual([1, 2, 3]);
    expect([await redis.getbit(liveQueryKeys.targets(20), 1), await redis.getbit(liveQueryKeys.targets(20), 3)]).toEqual([0, 0]);
  });
});
