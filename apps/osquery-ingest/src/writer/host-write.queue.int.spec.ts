import { randomBytes } from 'node:crypto';
import { AGENT_STREAMS, streamEnvelopeSchema } from '@fleet/contracts';
import { FixedClock } from '@fleet/domain';
import type { AgentHost } from '@fleet/domain';
import { closeRedis, createRedis, redisReady, StreamProducer } from '@fleet/messaging';
import type { RedisClient } from '@fleet/messaging';
import { testConfig } from '@fleet/testing';
import { HostWriteQueue } from './host-write.queue';

const host: AgentHost = {
  id: 9, nodeKey: 'nk', osqueryHostId: 'h-9', teamId: null, platform: 'ubuntu', hostname: 'h9', refetchRequested: false,
  detailUpdatedAt: 0, labelUpdatedAt: 0, policyUpdatedAt: 0, lastEnrolledAt: 0, intervals: '0/0/0',
};
const intervals = { distributed: 10, configRefresh: 60, loggerPeriod: 10 };

/** The queue with the real producer on the real Redis: what lands in the streams, and when a failure reaches the agent. */
describe('HostWriteQueue', () => {
  const clock = new FixedClock(Date.parse('2026-12-01T09:00:00Z'));
  let redis: RedisClient;
  let queue: HostWriteQueue;
  const entries = async (key: string) => (await redis.xrange(key, '-', '+')).map(([, f]) => streamEnvelopeSchema.parse(JSON.parse(f[1])));

  beforeAll(async () => {
    redis = createRedis(testConfig({ redis_key_prefix: `fleet_test_queue_${randomBytes(4).toString('hex')}:` }));
    await redisReady(redis, 5000);
    queue = new HostWriteQueue(new StreamProducer(redis), clock);
  });
  afterAll(() => closeRedis(redis));

  it('appends host writes and query reports in the versioned envelope, stamped by the clock, without trace context when tracing is off', async () => {
    await queue.enqueue({ hostId: 9, at: 1, labelsRan: true, labels: { 1: true } });
    await queue.enqueueReports([{ queryId: 2, hostId: 9, at: 1, rows: [{ a: 'b' }] }]);
    await queue.enqueueReports([]);
    expect(await entries(AGENT_STREAMS.hostWrites.key)).toEqual([{ v: 1, at: clock.now().getTime(), data: { hostId: 9, at: 1, labelsRan: true, labels: { 1: true } } }]);
    expect(await entries(AGENT_STREAMS.queryReports.key)).toEqual([{ v: 1, at: clock.now().getTime(), data: [{ queryId: 2, hostId: 9, at: 1, rows: [{ a: 'b' }] }] }]);
  });

  it('queues a host\'s config intervals once until they change, and never those the host has stored', async () => {
    await redis.del(AGENT_STREAMS.hostWrites.key);
    expect(await queue.recordIntervals(host, intervals)).toBe('10/60/10');
    expect(await queue.recordIntervals(host, intervals)).toBeNull();
    expect(await queue.recordIntervals(host, { ...intervals, distributed: 5 })).toBe('5/60/10');
    // A process that never queued them (a restart, another replica) goes by what the host has stored.
    const fresh = new HostWriteQueue(new StreamProducer(redis), clock);
    expect(await fresh.recordIntervals({ ...host, intervals: '5/60/10' }, { ...intervals, distributed: 5 })).toBeNull();
    // Only what the config sets is compared and written: the agent's own config refresh (300) stays.
    expect(await fresh.recordIntervals({ ...host, intervals: '5/300/10' }, { distributed: 5, loggerPeriod: 10 })).toBeNull();
    expect(await fresh.recordIntervals({ ...host, intervals: '5/300/10' }, {})).toBeNull();
    expect((await entries(AGENT_STREAMS.hostWrites.key)).map((e) => e.data)).toEqual([
      { hostId: 9, at: clock.now().getTime(), intervals },
      { hostId: 9, at: clock.now().getTime(), intervals: { ...intervals, distributed: 5 } },
    ]);
  });

  it('fails a write with DEPENDENCY_UNAVAILABLE when Redis is unreachable, but never a config fetch over its intervals', async () => {
    const down = createRedis(testConfig({ redis_address: '127.0.0.1:1' }));
    const blind = new HostWriteQueue(new StreamProducer(down), clock);
    await expect(blind.enqueue({ hostId: 9, at: 1, policiesRan: true })).rejects.toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE' });
    await expect(blind.recordIntervals(host, intervals)).resolves.toBeNull();
    down.disconnect();
  });
});
