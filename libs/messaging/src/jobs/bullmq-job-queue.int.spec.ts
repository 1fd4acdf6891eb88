import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { z } from 'zod';
import { jobContract } from '@fleet/contracts';
import { MetricsRegistry } from '@fleet/observability';
import { eventually, testConfig } from '@fleet/testing';
import { closeRedis, createRedis, redisReady } from '../redis.factory';
import type { RedisClient } from '../redis.factory';
import { BullMqJobQueue } from './bullmq-job-queue';
import type { JobAttempt } from './job-queue';

/** Fast retries, so the test waits tens of milliseconds per attempt instead of seconds. */
const echo = jobContract('echo', z.object({ n: z.number().int() }), { attempts: 4, initialDelayMs: 40, maxDelayMs: 100 });

/** The BullMQ driver against the real Redis, each test under its own `redis.key_prefix`. */
describe('BullMqJobQueue', () => {
  const logger = pino({ level: 'silent' });
  let prefix: string;
  let metrics: MetricsRegistry;
  let queue: BullMqJobQueue;
  let raw: RedisClient;
  let seen: Array<{ n: number; attempt: JobAttempt; at: number }>;

  const sample = async (name: string, labels: Record<string, string>): Promise<number> => {
    const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
    const values = (metric?.values ?? []) as Array<{ value: number; labels: Record<string, string | number> }>;
    return values.find((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x))?.value ?? 0;
  };

  beforeEach(async () => {
    prefix = `fleet_test_jobs_${randomBytes(4).toString('hex')}:`;
    const config = testConfig({ redis_key_prefix: prefix });
    metrics = new MetricsRegistry('live-query');
    queue = new BullMqJobQueue({ config, metrics, logger });
    raw = createRedis(config, { keyPrefix: '' });
    await redisReady(raw, 5000);
    seen = [];
  });
  afterEach(async () => {
    await queue.close();
    const keys = await raw.keys(`${prefix}*`);
    if (keys.length > 0) await raw.del(...keys);
    await closeRedis(raw);
  });

  const handler = (failures: number) => (p: { n: number }, attempt: JobAttempt): Promise<void> => {
    seen.push({ n: p.n, attempt, at: Date.now() });
    return attempt.number <= failures ? Promise.reject(new Error(`refused ${attempt.number}`)) : Promise.resolve();
  };

  it('runs each job once, adds an id once, and keeps its keys under <redis.key_prefix>bull', async () => {
    queue.process(echo, handler(0), { concurrency: 2 });
    await queue.enqueue(echo, { n: 1 }, { id: 'one' });
    await queue.enqueue(echo, { n: 2 }, { id: 'one' });
    await queue.enqueue(echo, { n: 3 }, { id: 'two' });
    await eventually('both jobs', () => sample('fleet_job_attempts_total', { queue: 'echo', result: 'completed' }), (n) => n === 2, 10_000, 20);
    // A job kept after completing still holds its id.
    await queue.enqueue(echo, { n: 4 }, { id: 'one' });
    await eventually('an idle queue', () => sample('fleet_job_queue_jobs', { queue: 'echo', state: 'waiting' }).then(async (w) => w + await sample('fleet_job_queue_jobs', { queue: 'echo', state: 'active' })), (n) => n === 0, 5_000, 20);
    expect(seen.map((s) => s.n).sort()).toEqual([1, 3]);
    const keys = await raw.keys(`${prefix}*`);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => k.startsWith(`${prefix}bull:echo:`))).toBe(true);
  });

  it('retries a failing job with the contract\'s backoff, tells the handler its attempt, and counts retries', async () => {
    queue.process(echo, handler(2), { concurrency: 1 });
    await queue.enqueue(echo, { n: 7 }, { id: 'flaky' });
    await eventually('the third attempt', () => sample('fleet_job_attempts_total', { queue: 'echo', result: 'completed' }), (n) => n === 1, 10_000, 20);
    expect(seen.map((s) => [s.attempt.number, s.attempt.final])).toEqual([[1, false], [2, false], [3, false]]);
    expect(seen.every((s) => s.attempt.jobId === 'flaky' && s.attempt.attempts === 4)).toBe(true);
    // 40 ms then 80 ms (BullMQ's delayed jobs may be picked up a little late, never early).
    expect(seen[1].at - seen[0].at).toBeGreaterThanOrEqual(35);
    expect(seen[2].at - seen[1].at).toBeGreaterThanOrEqual(75);
    expect(await sample('fleet_job_attempts_total', { queue: 'echo', result: 'failed' })).toBe(2);
    expect(await sample('fleet_job_retries_total', { queue: 'echo' })).toBe(2);
    expect(await sample('fleet_job_failures_total', { queue: 'echo' })).toBe(0);
  });

  it('fails a job for good after its last attempt and keeps it as failed', async () => {
    queue.process(echo, handler(99), { concurrency: 1 });
    await queue.enqueue(echo, { n: 1 }, { id: 'dead' });
    await eventually('the failed job', () => sample('fleet_job_queue_jobs', { queue: 'echo', state: 'failed' }), (n) => n === 1, 10_000, 20);
    expect(seen.map((s) => [s.attempt.number, s.attempt.final])).toEqual([[1, false], [2, false], [3, false], [4, true]]);
    expect(await sample('fleet_job_retries_total', { queue: 'echo' })).toBe(3);
    expect(await sample('fleet_job_failures_total', { queue: 'echo' })).toBe(1);
  });

  it('does not run or retry a job whose payload the consumer\'s contract rejects', async () => {
    const older = jobContract('echo', z.object({ n: z.number() }), echo.retry);
    await queue.enqueue(older, { n: 1.5 }, { id: 'odd' });
    queue.process(echo, handler(0), { concurrency: 1 });
    await eventually('the failed job', () => sample('fleet_job_failures_total', { queue: 'echo' }), (n) => n === 1, 10_000, 20);
    expect(seen).toEqual([]);
    expect(await sample('fleet_job_retries_total', { queue: 'echo' })).toBe(0);
  });

  it('refuses invalid payloads and ids when adding, and work after close', async () => {
    await expect(queue.enqueue(echo, { n: 0.5 }, { id: 'x' })).rejects.toThrow();
    await expect(queue.enqueue(echo, { n: 1 }, { id: 'a:b' })).rejects.toThrow(/job id/);
    await queue.close();
    await expect(queue.enqueue(echo, { n: 1 }, { id: 'late' })).rejects.toThrow(/closed/);
  });
});
