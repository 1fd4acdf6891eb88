import type { JobContract, JobPayload } from '@fleet/contracts';
import type { Clock } from '@fleet/domain';
import { JobQueue, PermanentJobError, assertJobId, parseJobPayload } from './job-queue';
import type { EnqueueOptions, JobHandler } from './job-queue';
import { retryDelayMs, willRetry } from './retry-policy';

export type InlineJobState = 'waiting' | 'delayed' | 'completed' | 'failed';

/** What a test can see of one job. */
export interface InlineJob {
  readonly name: string;
  readonly id: string;
  readonly data: unknown;
  readonly state: InlineJobState;
  readonly attemptsMade: number;
  /** When it may run next (epoch ms of the clock). */
  readonly dueAt: number;
  readonly failedReason: string | null;
}

interface Entry {
  readonly job: JobContract;
  readonly id: string;
  readonly data: unknown;
  state: InlineJobState;
  attemptsMade: number;
  dueAt: number;
  failedReason: string | null;
}

/**
 * The JobQueue for unit tests: jobs live in memory and run in-process when the test calls `drain()`, with
 * BullMQ's semantics — one job per id, payloads copied as JSON and validated before the handler, the
 * contract's attempts and backoff, PermanentJobError not retried. Time is the injected clock's: a retry
 * becomes due once the test advances a FixedClock by its delay, so no test sleeps.
 */
export class InlineJobQueue extends JobQueue {
  private readonly entries = new Map<string, Entry>();
  /** By job name: the consumer's contract (it validates and sets the backoff, as a BullMQ worker does) and handler. */
  private readonly handlers = new Map<string, { job: JobContract; handler: JobHandler<unknown> }>();
  private closed = false;

  constructor(private readonly clock: Clock) {
    super();
  }

  /** Validates and stores the job; like BullMQ's, a bad id or payload rejects the promise. */
  enqueue<C extends JobContract>(job: C, payload: JobPayload<C>, options: EnqueueOptions): Promise<void> {
    return Promise.resolve().then(() => this.add(job, payload, options));
  }

  private add<C extends JobContract>(job: C, payload: JobPayload<C>, options: EnqueueOptions): void {
    if (this.closed) throw new Error('job queue closed');
    assertJobId(options.id);
    const data = JSON.parse(JSON.stringify(job.payload.parse(payload))) as unknown;
    const key = `${job.name}/${options.id}`;
    if (!this.entries.has(key)) {
      this.entries.set(key, { job, id: options.id, data, state: 'waiting', attemptsMade: 0, dueAt: this.now(), failedReason: null });
    }
  }

  process<C extends JobContract>(job: C, handler: JobHandler<JobPayload<C>>): void {
    if (this.handlers.has(job.name)) throw new Error(`a handler for ${job.name} is already registered`);
    this.handlers.set(job.name, { job, handler: handler as JobHandler<unknown> });
  }

  /**
   * Runs, one at a time in the order they became due, every job due at the clock's time that has a
   * handler, until none is left (a retry that is due at once runs in the same drain). Returns the number
   * of attempts made.
   */
  async drain(): Promise<number> {
    let attempts = 0;
    for (;;) {
      const next = this.due();
      if (!next) return attempts;
      attempts++;
      const consumer = this.handlers.get(next.job.name)!;
      await this.attempt(next, consumer.job, consumer.handler);
    }
  }

  /** Every job, in the order it was added. */
  jobs(name?: string): InlineJob[] {
    return [...this.entries.values()].filter((e) => name === undefined || e.job.name === name)
      .map((e) => ({ name: e.job.name, id: e.id, data: e.data, state: e.state, attemptsMade: e.attemptsMade, dueAt: e.dueAt, failedReason: e.failedReason }));
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }

  private now(): number {
    return this.clock.now().getTime();
  }

  private due(): Entry | undefined {
    let best: Entry | undefined;
    for (const e of this.entries.values()) {
      if ((e.state !== 'waiting' && e.state !== 'delayed') || e.dueAt > this.now() || !this.handlers.has(e.job.name)) continue;
      if (!best || e.dueAt < best.dueAt) best = e;
    }
    return best;
  }

  /** As in BullMQ, the number of attempts is the producer's (stored with the job), the delays the consumer's. */
  private async attempt(e: Entry, consumer: JobContract, handler: JobHandler<unknown>): Promise<void> {
    const number = e.attemptsMade + 1;
    const attempts = e.job.retry.attempts;
    try {
      await handler(parseJobPayload(consumer, e.data), { jobId: e.id, number, attempts, final: number >= attempts });
      e.attemptsMade = number;
      e.state = 'completed';
      e.failedReason = null;
    } catch (err) {
      e.attemptsMade = number;
      e.failedReason = (err as Error).message;
      if (err instanceof PermanentJobError || !willRetry(e.job.retry, number)) {
        e.state = 'failed';
      } else {
        e.state = 'delayed';
        e.dueAt = this.now() + retryDelayMs(consumer.retry, number);
      }
    }
  }
}
