import pino from 'pino';
import { randomBytes } from 'node:crypto';
import { MetricsRegistry } from '@fleet/observability';
import { eventually, RedisServerProcess, testConfig } from '@fleet/testing';
import { closeRedis, createRedis, redisReady } from './redis.factory';
import type { RedisClient } from './redis.factory';
import { StreamConsumerMetrics } from './stream-consumer.metrics';
import { appendToStream } from './stream-producer';
import { StreamWorker } from './stream-worker';
import type { StreamEntry, StreamWorkerOptions } from './stream-worker';

/** The consumer-group worker against the real Redis, each test under its own key prefix. */
describe('StreamWorker', () => {
  const logger = pino({ level: 'silent' });
  const clients: RedisClient[] = [];
  const workers: StreamWorker[] = [];
  let prefix: string;
  let redis: RedisClient;

  const client = (blocking = false): RedisClient => {
    const c = createRedis(testConfig({ redis_key_prefix: prefix }), { blocking });
    clients.push(c);
    return c;
  };
  const options = (consumer: string, over: Partial<StreamWorkerOptions> = {}): StreamWorkerOptions => ({
    key: 's', group: 'g', consumer, batchSize: 10, blockMs: 100, claimIdleMs: 60_000, retryDelayMs: 20, ...over,
  });
  const worker = (consumer: string, handle: (e: StreamEntry[]) => Promise<void>, over: Partial<StreamWorkerOptions> = {}, observer = {}): StreamWorker => {
    const w = new StreamWorker(client(true), options(consumer, over), handle, logger, observer);
    workers.push(w);
    w.start();
    return w;
  };

  beforeEach(async () => {
    prefix = `fleet_test_stream_${randomBytes(4).toString('hex')}:`;
    redis = client();
    await redisReady(redis, 5000);
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await Promise.all(clients.splice(0).map((c) => closeRedis(c)));
  });

  it('hands entries to the handler in order and deletes them once handled', async () => {
    const seen: unknown[] = [];
    worker('a', (e) => { seen.push(...e.map((x) => x.message)); return Promise.resolve(); });
    for (let i = 0; i < 25; i++) await appendToStream(redis, 's', { i });
    await eventually('all handled', () => seen.length, (n) => n === 25, 5000, 20);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => ({ i })));
    await eventually('stream emptied', () => redis.xlen('s'), (n) => n === 0, 5000, 20);
  });

  it('retries a batch whose handler failed until it succeeds, and never skips it', async () => {
    let failures = 2;
    const handled: unknown[] = [];
    worker('a', (e) => {
      if (failures-- > 0) return Promise.reject(new Error('mysql down'));
      handled.push(...e.map((x) => x.message));
      return Promise.resolve();
    });
    await appendToStream(redis, 's', { n: 1 });
    await eventually('handled after retries', () => handled, (h) => h.length === 1, 5000, 20);
    expect(handled).toEqual([{ n: 1 }]);
  });

  it('lets another consumer claim and write a batch left pending by a dead one, once', async () => {
    // Consumer "dead" reads a batch and never acknowledges it (its process was killed mid-write).
    await appendToStream(redis, 's', { n: 1 });
    await appendToStream(redis, 's', { n: 2 });
    const reader = client(true);
    await reader.xgroup('CREATE', `${prefix}s`, 'g', '0', 'MKSTREAM');
    const read = await reader.call('XREADGROUP', 'GROUP', 'g', 'dead', 'COUNT', 10, 'STREAMS', 's', '>');
    expect(read).toHaveLength(1);
    const handled: unknown[] = [];
    worker('alive', (e) => { handled.push(...e.map((x) => x.message)); return Promise.resolve(); }, { claimIdleMs: 200 });
    await eventually('claimed and handled', () => handled.length, (n) => n === 2, 5000, 20);
    await eventually('acknowledged', () => redis.xpending('s', 'g'), (p) => p[0] === 0, 5000, 20);
    expect(handled).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('creates its group again when the stream vanished (Redis lost its data) and handles what comes after', async () => {
    const handled: unknown[] = [];
    let recreated = 0;
    worker('a', (e) => { handled.push(...e.map((x) => x.message)); return Promise.resolve(); }, {}, { groupRecreated: () => recreated++ });
    await appendToStream(redis, 's', { before: true });
    await eventually('first entry', () => handled.length, (n) => n === 1, 5000, 20);
    await redis.del('s');
    await appendToStream(redis, 's', { after: true });
    await eventually('entry after the loss', () => handled.length, (n) => n === 2, 5000, 20);
    expect(handled).toEqual([{ before: true }, { after: true }]);
    expect(recreated).toBeGreaterThanOrEqual(1);
  });

  it('reports a tracked group that does not exist as a health problem and on /metrics, until a worker creates it', async () => {
    const metrics = new MetricsRegistry('test');
    const consumers = StreamConsumerMetrics.for(metrics, redis);
    const { observer } = consumers.track('s', 'g');
    expect(await consumers.problems()).toEqual(['consumer group g of stream s is missing']);
    expect(await metrics.text()).toMatch(/fleet_stream_group_missing\{stream="s",role="test"\} 1/);
    worker('a', () => Promise.resolve(), {}, observer);
    await eventually('group created', () => consumers.problems(), (p) => p.length === 0, 5000, 20);
    await appendToStream(redis, 's', { n: 1 });
    await eventually('batch counted', () => metrics.text(), (t) => /fleet_stream_batches_total\{stream="s",role="test"\} 1/.test(t), 5000, 20);
    expect(await metrics.text()).toMatch(/fleet_stream_group_missing\{stream="s",role="test"\} 0/);
  });

  it('stops within its bound when Redis stops answering mid-read (a frozen server) instead of waiting for it', async () => {
    const server = new RedisServerProcess();
    await server.start();
    const frozen = createRedis(testConfig({ redis_address: server.address, redis_key_prefix: prefix }), { blocking: true });
    const probe = createRedis(testConfig({ redis_address: server.address, redis_key_prefix: prefix }));
    const w = new StreamWorker(frozen, options('a'), () => Promise.resolve(), logger);
    try {
      await redisReady(probe, 5000);
      w.start();
      await eventually('group created', () => probe.exists('s'), (n) => n === 1, 5000, 20);
      process.kill(server.pid ?? 0, 'SIGSTOP');
      const started = Date.now();
      await w.stop();
      // blockMs (100) + READ_GRACE_MS (5000): a healthy read would have answered within blockMs.
      expect(Date.now() - started).toBeLessThan(100 + 5000 + 1500);
    } finally {
      process.kill(server.pid ?? 0, 'SIGCONT');
      await closeRedis(frozen, 500);
      await closeRedis(probe, 500);
      await server.stop();
    }
  }, 20_000);
});
