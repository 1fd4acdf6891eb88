import type { RetryPolicy } from '@fleet/contracts';

/**
 * Milliseconds to wait before the next attempt once `failedAttempts` attempts (1 or more) have failed:
 * exponential from `initialDelayMs`, capped at `maxDelayMs`. Both drivers use it, so the inline driver's
 * timing is the one production has.
 */
export function retryDelayMs(policy: RetryPolicy, failedAttempts: number): number {
  const n = Math.max(1, Math.floor(failedAttempts));
  // 2^(n-1) overflows to Infinity for large n, which the cap absorbs.
  return Math.min(policy.maxDelayMs, Math.round(policy.initialDelayMs * 2 ** (n - 1)));
}

/** True when another attempt follows the `failedAttempts`-th failure. */
export function willRetry(policy: RetryPolicy, failedAttempts: number): boolean {
  return failedAttempts < policy.attempts;
}

/** Milliseconds of waiting between the first attempt and the last one when every attempt fails. */
export function retryHorizonMs(policy: RetryPolicy): number {
  let total = 0;
  for (let n = 1; n < policy.attempts; n++) total += retryDelayMs(policy, n);
  return total;
}
