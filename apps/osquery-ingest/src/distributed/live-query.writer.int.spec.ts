import { randomBytes } from 'node:crypto';
import type { FleetConfig } from '@fleet/config';
import { DomainError } from '@fleet/domain';
import { closeRedis, createRedis, LiveQueryAnswerStore, liveQueryKeys, parseCampaignEvent, redisReady } from '@fleet/messaging';
import type { RedisClient } from '@fleet/messaging';
import { MetricsRegistry } from '@fleet/observability';
import { testConfig } from '@fleet/testing';
import type { LiveQueryAnswer } from './live-query-answer';
import { LogRouter } from '../log/routing/log-router';
import { LiveQueryLogger } from './live-query.logger';
import { LiveQueryWriter } from './live-query.writer';

/** No destination routes live_query lines in this config, so the logger returns before any lookup (its collaborators stay unused). */
const notLogging = (redis: RedisClient, config: FleetConfig): LiveQueryLogger =>
  new LiveQueryLogger(config, new LiveQueryAnswerStore(redis), new LogRouter(config, undefined as never), undefined as never, undefined as never);

/** The writer with the real store on the real Redis: what is stored, what is refused and how it is counted. */

describe('LiveQueryWriter', () => {
  const config = testConfig({ osquery_max_live_query_answer_size: '2KiB' });
  let redis: RedisClient;
  let metrics: MetricsRegistry;
  let writer: LiveQueryWriter;
  const answer = (campaignId: number, hostId: number, rows: Array<Record<string, string>>): LiveQueryAnswer => ({ campaignId, hostId, hostname: `h${hostId}`, rows, error: null, stats: {} });
  const stored = async (campaignId: number) => (await redis.xrange(liveQueryKeys.results(campaignId), '-', '+')).map(([, f]) => parseCampaignEvent(f[1]));
  const refused = async (reason: string) => Number(new RegExp(`fleet_live_query_answers_refused_total\\{reason="${reason}"[^}]*\\} (\\d+)`).exec(await metrics.text())?.[1] ?? 0);

  beforeAll(async () => {
    redis = createRedis(testConfig({ redis_key_prefix: `fleet_test_lq_writer_${randomBytes(4).toString('hex')}:` }));
    await redisReady(redis, 5000);
  });
  beforeEach(() => {
    metrics = new MetricsRegistry('test');
    writer = new LiveQueryWriter(new LiveQueryAnswerStore(redis), config, metrics, notLogging(redis, config));
  });
  afterAll(() => closeRedis(redis));

  it('stores the answers of targeted hosts and counts the others as not targeted', async () => {
    await redis.setbit(liveQueryKeys.targets(1), 5, 1);
    await redis.setbit(liveQueryKeys.targets(2), 5, 1);
    expect(await writer.append([answer(1, 5, [{ a: '1' }]), answer(2, 5, []), answer(3, 5, [])], 100)).toBe(2);
    expect(await stored(1)).toEqual([{ type: 'result', host_id: 5, hostname: 'h5', rows: [{ a: '1' }], error: null, stats: {}, at: 100 }]);
    expect(await refused('not_targeted')).toBe(1);
    expect(await writer.append([], 100)).toBe(0);
  });

  it('stores an answer over osquery.max_live_query_answer_size as the host\'s error and counts it', async () => {
    await redis.setbit(liveQueryKeys.targets(4), 5, 1);
    expect(await writer.append([answer(4, 5, [{ data: 'x'.repeat(3000) }])], 100)).toBe(1);
    expect(await stored(4)).toEqual([expect.objectContaining({ rows: [], error: expect.stringContaining('max_live_query_answer_size') })]);
    expect(await refused('too_large')).toBe(1);
  });

  it('fails with DEPENDENCY_UNAVAILABLE when Redis is unreachable, so the agent keeps its answer', async () => {
    const down = createRedis(testConfig({ redis_address: '127.0.0.1:1' }));
    const blind = new LiveQueryWriter(new LiveQueryAnswerStore(down), config, metrics, notLogging(down, config));
    await expect(blind.append([answer(1, 5, [])], 100)).rejects.toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE' });
    await expect(blind.append([answer(1, 5, [])], 100)).rejects.toBeInstanceOf(DomainError);
    down.disconnect();
  });

  it('sends the answers of concurrent writes to one campaign in one Redis call and answers each write with its own outcome', async () => {
    for (let host = 1; host <= 300; host += 1) await redis.setbit(liveQueryKeys.targets(6), host, 1);
    const batches = async () => Number(/fleet_live_query_answer_batches_total\S* (\d+)/.exec(await metrics.text())?.[1] ?? 0);
    // 300 agents' writes in flight at once (host 301 was not targeted), as a campaign to every host brings them.
    const outcomes = await Promise.all(Array.from({ length: 301 }, (_, i) => writer.append([answer(6, i + 1, [{ n: String(i + 1) }])], 100)));
    expect(outcomes.filter((n) => n === 1)).toHaveLength(300);
    expect(outcomes[300]).toBe(0);
    expect((await stored(6)).map((e) => (e as { host_id: number }).host_id).sort((a, b) => a - b)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    // 250 answers per call at most: two calls for 301 answers, not 301.
    expect(await batches()).toBe(2);
  });
});
