import type { z } from 'zod';

/**
 * How a failed job is tried again: `attempts` tries in all (the first included); after the n-th failed
 * attempt the next one waits `min(initialDelayMs * 2^(n-1), maxDelayMs)`.
 */
export interface RetryPolicy {
  readonly attempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * A job that must run once and be retried with backoff until it succeeds (or its attempts run out). The
 * name is also the queue's name, so one queue carries one kind of job. Producers enqueue through the
 * contract (never a hand-written name); consumers get the payload only after `payload` accepted it.
 */
export interface JobContract<S extends z.ZodType = z.ZodType> {
  /** Letters, digits and `_` only (it is part of Redis key names). */
  readonly name: string;
  readonly payload: S;
  readonly retry: RetryPolicy;
}

/** What one job of the contract carries, once validated. */
export type JobPayload<C extends JobContract> = z.output<C['payload']>;

export const jobContract = <S extends z.ZodType>(name: string, payload: S, retry: RetryPolicy): JobContract<S> => {
  if (!/^[a-z0-9_]+$/i.test(name)) throw new Error(`job name ${JSON.stringify(name)}: letters, digits and _ only`);
  return { name, payload, retry };
};
