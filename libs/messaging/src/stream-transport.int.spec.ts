import { randomBytes } from 'node:crypto';
import { Inject, Module } from '@nestjs/common';
import type { INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { SpanStatusCode, trace, TraceFlags } from '@opentelemetry/api';
import type { Attributes, Context, Link, Span, SpanContext, SpanOptions, SpanStatus, Tracer, TracerProvider } from '@opentelemetry/api';
import pino from 'pino';
import { z } from 'zod';
import { streamContract } from '@fleet/contracts';
import { MetricsRegistry } from '@fleet/observability';
import { eventually, testConfig } from '@fleet/testing';
import { closeRedis, createRedis, redisReady } from './redis.factory';
import type { RedisClient } from './redis.factory';
import { StreamConsumerMetrics } from './stream-consumer.metrics';
import { StreamController } from './stream-controller.decorator';
import { appendToStream, StreamProducer } from './stream-producer';
import { StreamContext } from './stream-transport.context';
import { RedisStreamsTransport } from './stream-transport.server';
import type { StreamTransportOptions } from './stream-transport.server';

const NUMBERS = streamContract('test:numbers', 'adders', z.object({ n: z.number().int() }));

/** What the test's handler does with a batch; each test sets it. */
class Probe {
  batches: Array<{ payloads: Array<{ n: number }>; ids: readonly string[]; stream: string }> = [];
  handle: (payloads: Array<{ n: number }>) => Promise<void> = () => Promise.resolve();
  get seen(): number[] {
    return this.batches.flatMap((b) => b.payloads.map((p) => p.n));
  }
}

@StreamController()
class NumbersConsumer {
  constructor(@Inject(Probe) private readonly probe: Probe) {}

  @EventPattern(NUMBERS)
  async add(@Payload() payloads: Array<{ n: number }>, @Ctx() ctx: StreamContext): Promise<void> {
    await this.probe.handle(payloads);
    this.probe.batches.push({ payloads, ids: ctx.getIds(), stream: ctx.getStream() });
  }
}

/** A tracer that keeps what it was asked to start, so the test can check the consumer span's parent and links. */
interface RecordedSpan {
  readonly name: string;
  readonly options: SpanOptions;
  readonly parent: SpanContext | undefined;
  status?: SpanStatus;
  ended: boolean;
}
class RecordingTracer implements Tracer, TracerProvider {
  readonly spans: RecordedSpan[] = [];
  getTracer(): Tracer {
    return this;
  }
  startSpan(name: string, options: SpanOptions = {}, context?: Context): Span {
    const record: RecordedSpan = { name, options, parent: context ? trace.getSpanContext(context) : undefined, ended: false };
    this.spans.push(record);
    const spanContext: SpanContext = { traceId: record.parent?.traceId ?? 'a'.repeat(32), spanId: randomBytes(8).toString('hex'), traceFlags: TraceFlags.SAMPLED };
    const span: Span = {
      spanContext: () => spanContext,
      setAttribute: () => span, setAttributes: () => span, addEvent: () => span, addLink: () => span, addLinks: () => span, updateName: () => span,
      setStatus: (s) => { record.status = s; return span; },
      end: () => { record.ended = true; },
      isRecording: () => true,
      recordException: () => undefined,
    };
    return span;
  }
  startActiveSpan(): never {
    throw new Error('not used');
  }
}

/** The transport behind a real Nest microservice and the real Redis, each test under its own key prefix. */
describe('RedisStreamsTransport', () => {
  const logger = pino({ level: 'silent' });
  const apps: INestMicroservice[] = [];
  let prefix: string;
  let redis: RedisClient;
  let probe: Probe;

  const start = async (over: Partial<StreamTransportOptions> = {}, metrics?: StreamConsumerMetrics): Promise<INestMicroservice> => {
    const config = testConfig({ redis_key_prefix: prefix });
    const strategy = new RedisStreamsTransport({
      connect: () => createRedis(config, { blocking: true }), batchSize: 10, blockMs: 100, claimIdleMs: 60_000, retryDelayMs: 20, logger, metrics, ...over,
    });
    @Module({ controllers: [NumbersConsumer], providers: [{ provide: Probe, useValue: probe }] })
    class TestModule {}
    const app = await NestFactory.createMicroservice(TestModule, { strategy, logger: false, abortOnError: false });
    apps.push(app);
    await app.listen();
    return app;
  };
  const append = (message: unknown) => appendToStream(redis, NUMBERS.key, message);
  /** Entries read by a consumer and not acknowledged; 0 before the transport created its group. */
  const pending = async () => ((await redis.xpending(NUMBERS.key, NUMBERS.group).catch(() => [0])) as [number])[0];

  beforeEach(async () => {
    prefix = `fleet_test_transport_${randomBytes(4).toString('hex')}:`;
    redis = createRedis(testConfig({ redis_key_prefix: prefix }));
    await redisReady(redis, 5000);
    probe = new Probe();
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((a) => a.close()));
    await closeRedis(redis);
  });

  it('hands an @EventPattern handler the validated payloads of each batch in stream order, then acknowledges and deletes them', async () => {
    await start();
    const producer = new StreamProducer(redis);
    for (let i = 0; i < 25; i++) await producer.append(NUMBERS, { n: i }, 1000 + i);
    await eventually('all handled', () => probe.seen.length, (n) => n === 25, 5000, 20);
    expect(probe.seen).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(probe.batches.every((b) => b.stream === NUMBERS.key && b.ids.length === b.payloads.length)).toBe(true);
    await eventually('stream emptied', () => redis.xlen(NUMBERS.key), (n) => n === 0, 5000, 20);
    expect(await pending()).toBe(0);
  });

  it('drops entries whose envelope or payload the contract rejects, and acknowledges them with the rest', async () => {
    await start();
    await redis.xadd(NUMBERS.key, '*', 'm', 'not json');
    await append({ v: 2, at: 1, data: { n: 1 } });
    await append({ v: 1, at: 1, data: { n: 'two' } });
    await append({ v: 1, at: 1, data: { n: 3 } });
    await eventually('valid entry handled', () => probe.seen, (s) => s.length === 1, 5000, 20);
    expect(probe.seen).toEqual([3]);
    await eventually('every entry acknowledged', () => redis.xlen(NUMBERS.key), (n) => n === 0, 5000, 20);
  });

  it('keeps a batch pending while its handler fails and writes it once the handler succeeds, counting failures and batches', async () => {
    const metrics = new MetricsRegistry('test');
    const consumers = StreamConsumerMetrics.for(metrics, redis);
    let failures = 3;
    probe.handle = () => (failures-- > 0 ? Promise.reject(new Error('mysql down')) : Promise.resolve());
    await start({}, consumers);
    await append({ v: 1, at: 1, data: { n: 1 } });
    await eventually('handled after the failures', () => probe.seen, (s) => s.length === 1, 5000, 20);
    expect(failures).toBe(-1);
    await eventually('acknowledged', pending, (p) => p === 0, 5000, 20);
    const text = await metrics.text();
    expect(text).toMatch(/fleet_stream_failures_total\{stream="test:numbers",role="test"\} 3/);
    expect(text).toMatch(/fleet_stream_batches_total\{stream="test:numbers",role="test"\} 1/);
    expect(await consumers.problems()).toEqual([]);
  });

  it('claims, after the configured idle time, a batch that a stopped consumer read and never acknowledged', async () => {
    await append({ v: 1, at: 1, data: { n: 1 } });
    await append({ v: 1, at: 1, data: { n: 2 } });
    await redis.xgroup('CREATE', `${prefix}${NUMBERS.key}`, NUMBERS.group, '0', 'MKSTREAM');
    expect(await redis.call('XREADGROUP', 'GROUP', NUMBERS.group, 'killed-replica', 'COUNT', 10, 'STREAMS', NUMBERS.key, '>')).toHaveLength(1);
    await start({ claimIdleMs: 200 });
    await eventually('claimed and handled', () => probe.seen, (s) => s.length === 2, 5000, 20);
    expect(probe.seen).toEqual([1, 2]);
    await eventually('acknowledged', pending, (p) => p === 0, 5000, 20);
  });

  it('finishes the batch in hand when closed, and leaves one whose handler failed pending for another replica', async () => {
    let release!: () => void;
    probe.handle = () => new Promise<void>((r) => (release = r));
    const app = await start();
    await append({ v: 1, at: 1, data: { n: 1 } });
    await eventually('batch in hand', pending, (p) => p === 1, 5000, 20);
    const closed = app.close();
    release();
    await closed;
    apps.splice(apps.indexOf(app), 1);
    expect(probe.seen).toEqual([1]);
    expect(await pending()).toBe(0);

    probe.handle = () => Promise.reject(new Error('mysql down'));
    const second = await start({ retryDelayMs: 60_000 });
    await append({ v: 1, at: 1, data: { n: 2 } });
    await eventually('batch in hand', pending, (p) => p === 1, 5000, 20);
    await second.close();
    apps.splice(apps.indexOf(second), 1);
    expect(await pending()).toBe(1);
  });

  it('runs the handler in a consumer span whose parent is the producer\'s trace context, linking the batch\'s other producers', async () => {
    const tracer = new RecordingTracer();
    trace.setGlobalTracerProvider(tracer);
    try {
      const tp1 = `00-${'1'.repeat(32)}-${'2'.repeat(16)}-01`;
      const tp2 = `00-${'3'.repeat(32)}-${'4'.repeat(16)}-01`;
      // Appended before the consumer starts, so its first read takes all three as one batch.
      await append({ v: 1, at: 1, tp: tp1, data: { n: 1 } });
      await append({ v: 1, at: 1, tp: 'garbage', data: { n: 2 } });
      await append({ v: 1, at: 1, tp: tp2, data: { n: 3 } });
      await start();
      await eventually('batch handled', () => probe.seen, (s) => s.length === 3, 5000, 20);
      expect(probe.batches).toHaveLength(1);
      const [span] = tracer.spans.filter((s) => s.name === `process ${NUMBERS.key}`);
      expect(span).toMatchObject({ parent: { traceId: '1'.repeat(32), spanId: '2'.repeat(16), isRemote: true }, ended: true });
      expect(span?.options.attributes).toMatchObject({
        'messaging.system': 'redis', 'messaging.destination.name': NUMBERS.key, 'messaging.consumer.group.name': NUMBERS.group, 'messaging.batch.message_count': 3,
      } satisfies Attributes);
      expect(span?.options.links?.map((l: Link) => l.context.spanId)).toEqual(['4'.repeat(16)]);

      probe.handle = () => Promise.reject(new Error('mysql down'));
      await append({ v: 1, at: 1, data: { n: 5 } });
      await eventually('failed span', () => tracer.spans.find((s) => s.status?.code === SpanStatusCode.ERROR), (s) => s !== undefined, 5000, 20);
    } finally {
      trace.disable();
    }
  });

  it('refuses, at start-up, a handler whose pattern is not a stream contract or that expects a reply', async () => {
    @StreamController()
    class Wrong {
      @MessagePattern(NUMBERS)
      reply(): number {
        return 1;
      }
    }
    @Module({ controllers: [Wrong] })
    class WrongModule {}
    const strategy = new RedisStreamsTransport({ connect: () => createRedis(testConfig(), { blocking: true }), batchSize: 1, blockMs: 100, claimIdleMs: 1000, retryDelayMs: 20, logger });
    const app = await NestFactory.createMicroservice(WrongModule, { strategy, logger: false, abortOnError: false });
    await expect(app.listen()).rejects.toThrow(/use @EventPattern/);
    await app.close();
  });
});
