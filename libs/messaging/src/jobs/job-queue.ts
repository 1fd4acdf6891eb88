import type { JobContract, JobPayload } from '@fleet/contracts';

export interface EnqueueOptions {
  /**
   * The job's id, derived by the producer from what the job does, so producing the same job again adds
   * nothing: a job whose id the queue holds (waiting, delayed, running, or kept after it finished) is not
   * added twice. Letters, digits, `_`, `-` and `.`; not a bare integer.
   */
  readonly id: string;
}

/** Which attempt of a job a handler runs. */
export interface JobAttempt {
  readonly jobId: string;
  /** 1 for the first attempt. */
  readonly number: number;
  readonly attempts: number;
  /** No attempt follows this one if it fails: the handler's last chance to hand the work back elsewhere. */
  readonly final: boolean;
}

/** Does one job; a throw fails the attempt, which is retried by the contract's policy. */
export type JobHandler<P> = (payload: P, attempt: JobAttempt) => Promise<void>;

export interface ProcessOptions {
  /** Jobs of this kind that this process runs at once. */
  readonly concurrency: number;
}

/** A failure that retrying cannot fix (the payload is invalid): the job fails at once, without more attempts. */
export class PermanentJobError extends Error {
  override readonly name = 'PermanentJobError';
}

/**
 * The port for work that must be retried with backoff and must not wait for the next schedule run.
 * Drivers: `BullMqJobQueue` (Redis, every role) and `InlineJobQueue` (in-process, for unit tests); both
 * validate payloads with the contract when adding and again before the handler sees them, apply the
 * contract's retry policy and deduplicate by job id. The abstract class doubles as the Nest injection token.
 */
export abstract class JobQueue {
  /** Adds a job; resolves once it is durably queued (in Redis for the BullMQ driver). Throws on an invalid payload or id. */
  abstract enqueue<C extends JobContract>(job: C, payload: JobPayload<C>, options: EnqueueOptions): Promise<void>;

  /** Starts running this process's share of the contract's jobs with `handler`. One handler per contract. */
  abstract process<C extends JobContract>(job: C, handler: JobHandler<JobPayload<C>>, options: ProcessOptions): void;

  /** Stops taking jobs, waits for the attempts in progress and releases connections. */
  abstract close(): Promise<void>;
}

/** Throws unless `id` is a job id both drivers accept (BullMQ refuses `:` and integer ids). */
export function assertJobId(id: string): void {
  if (!/^[a-z0-9_.-]{1,200}$/i.test(id) || /^\d+$/.test(id)) throw new Error(`job id ${JSON.stringify(id)}: letters, digits, _ - . only, not a bare integer`);
}

/** The payload as a consumer may use it, or a PermanentJobError naming what is wrong. */
export function parseJobPayload<C extends JobContract>(job: C, data: unknown): JobPayload<C> {
  const parsed = job.payload.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new PermanentJobError(`invalid ${job.name} payload: ${issues}`);
  }
  return parsed.data as JobPayload<C>;
}
