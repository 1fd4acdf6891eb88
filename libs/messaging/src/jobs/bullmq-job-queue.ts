import { Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Job, KeepJobs } from 'bullmq';
import type { FleetConfig } from '@fleet/config';
import type { JobContract, JobPayload } from '@fleet/contracts';
import type { Logger, MetricsRegistry } from '@fleet/observability';
import { closeRedis } from '../redis.factory';
import type { RedisClient } from '../redis.factory';
import { bullPrefix, createBullConnection } from './bullmq-connection';
import { JobQueue, PermanentJobError, assertJobId, parseJobPayload } from './job-queue';
import type { EnqueueOptions, JobHandler, ProcessOptions } from './job-queue';
import { JobQueueMetrics } from './job-queue.metrics';
import { retryDelayMs } from './retry-policy';

/** The backoff type of our jobs; workers compute it from the contract's policy (`retryDelayMs`). */
const BACKOFF_TYPE = 'fleet_capped_exponential';

/**
 * Finished jobs are kept so that producing one again is recognised by its id (see EnqueueOptions.id): a
 * completed one for two days, longer than a schedule's default interval (24 h) — the run that follows
 * a run which died between queueing and recording its work must find the jobs already there; a failed one
 * for a week, for an operator to inspect. Counts bound the memory either way.
 */
const KEEP_COMPLETED: KeepJobs = { age: 2 * 24 * 3600, count: 10_000 };
const KEEP_FAILED: KeepJobs = { age: 7 * 24 * 3600, count: 10_000 };

export interface BullMqJobQueueDeps {
  readonly config: FleetConfig;
  readonly metrics: MetricsRegistry;
  readonly logger: Logger;
}

/**
 * The JobQueue on BullMQ. One producer connection serves every queue; workers get connections of their
 * own (BullMQ duplicates the worker template for its blocking reads). None carries ioredis' keyPrefix:
 * keys are namespaced by BullMQ's `prefix` (`bullPrefix`). Attempts and retries are counted on /metrics,
 * queue depths read at scrape time (JobQueueMetrics).
 */
export class BullMqJobQueue extends JobQueue {
  private readonly prefix: string;
  private readonly producer: RedisClient;
  private workerTemplate: RedisClient | undefined;
  private readonly queues = new Map<string, Queue>();
  private readonly workers = new Map<string, Worker>();
  private readonly untrack: Array<() => void> = [];
  private readonly metrics: JobQueueMetrics;
  private closing: Promise<void> | undefined;

  constructor(private readonly deps: BullMqJobQueueDeps) {
    super();
    this.prefix = bullPrefix(deps.config.redis);
    this.producer = createBullConnection(deps.config, 'producer');
    this.metrics = JobQueueMetrics.for(deps.metrics);
  }

  async enqueue<C extends JobContract>(job: C, payload: JobPayload<C>, options: EnqueueOptions): Promise<void> {
    if (this.closing) throw new Error('job queue closed');
    assertJobId(options.id);
    const data = job.payload.parse(payload);
    // BullMQ adds nothing when the id exists, whatever the existing job's state.
    await this.queue(job).add(job.name, data, {
      jobId: options.id,
      attempts: job.retry.attempts,
      backoff: { type: BACKOFF_TYPE },
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
    });
  }

  process<C extends JobContract>(job: C, handler: JobHandler<JobPayload<C>>, options: ProcessOptions): void {
    if (this.closing) throw new Error('job queue closed');
    if (this.workers.has(job.name)) throw new Error(`a handler for ${job.name} is already registered`);
    this.queue(job);
    this.workerTemplate ??= createBullConnection(this.deps.config, 'worker');
    const worker = new Worker(job.name, (j: Job) => this.attempt(job, handler, j), {
      connection: this.workerTemplate,
      prefix: this.prefix,
      concurrency: options.concurrency,
      settings: { backoffStrategy: (failedAttempts: number) => retryDelayMs(job.retry, failedAttempts) },
    });
    const labels = { queue: job.name };
    worker.on('completed', () => this.metrics.attempts.inc({ ...labels, result: 'completed' }));
    worker.on('failed', (j: Job | undefined, err: Error) => {
      this.metrics.attempts.inc({ ...labels, result: 'failed' });
      // BullMQ has counted the attempt by now: another follows unless they are used up or the error is permanent.
      const retried = j !== undefined && err.name !== 'UnrecoverableError' && j.attemptsMade < (j.opts.attempts ?? 1);
      if (retried) {
        this.metrics.retries.inc(labels);
        this.deps.logger.warn({ queue: job.name, job_id: j.id, attempt: j.attemptsMade, err: err.message }, 'jobs: attempt failed, will retry');
      } else {
        this.metrics.failures.inc(labels);
        this.deps.logger.error({ queue: job.name, job_id: j?.id, attempts: j?.attemptsMade, err: err.message }, 'jobs: job failed for good');
      }
    });
    worker.on('error', (err: Error) => this.deps.logger.warn({ queue: job.name, err: err.message }, 'jobs: worker error'));
    this.workers.set(job.name, worker);
  }

  /** Workers first (waiting for the attempts in progress), then the queues, then the connections. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.allSettled([...this.workers.values()].map((w) => w.close()));
      for (const untrack of this.untrack) untrack();
      await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
      await closeRedis(this.producer);
      if (this.workerTemplate) await closeRedis(this.workerTemplate);
    })();
    return this.closing;
  }

  private queue(job: JobContract): Queue {
    let q = this.queues.get(job.name);
    if (!q) {
      q = new Queue(job.name, { connection: this.producer, prefix: this.prefix });
      q.on('error', (err: Error) => this.deps.logger.warn({ queue: job.name, err: err.message }, 'jobs: queue error'));
      this.queues.set(job.name, q);
      this.untrack.push(this.metrics.track(q));
    }
    return q;
  }

  /** One attempt: the payload validated, the handler told which attempt it runs; a permanent error is not retried. */
  private async attempt<C extends JobContract>(job: C, handler: JobHandler<JobPayload<C>>, j: Job): Promise<void> {
    const attempts = j.opts.attempts ?? 1;
    const number = j.attemptsMade + 1;
    try {
      await handler(parseJobPayload(job, j.data), { jobId: String(j.id), number, attempts, final: number >= attempts });
    } catch (err) {
      if (err instanceof PermanentJobError) throw new UnrecoverableError(err.message);
      throw err;
    }
  }
}
