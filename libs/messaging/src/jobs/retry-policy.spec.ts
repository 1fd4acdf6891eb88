import { WEBHOOK_DELIVERY_RETRY } from '@fleet/contracts';
import { retryDelayMs, retryHorizonMs, willRetry } from './retry-policy';

describe('retry policy', () => {
  const policy = { attempts: 6, initialDelayMs: 1000, maxDelayMs: 10_000 };

  it('doubles the delay after each failed attempt from the initial delay, up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 50, 5000].map((n) => retryDelayMs(policy, n))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000, 10_000, 10_000]);
  });

  it('treats a count below one as the first failure', () => {
    expect(retryDelayMs(policy, 0)).toBe(1000);
  });

  it('retries until the attempts are used up', () => {
    expect([1, 5, 6, 7].map((n) => willRetry(policy, n))).toEqual([true, true, false, false]);
    expect(retryHorizonMs(policy)).toBe(1000 + 2000 + 4000 + 8000 + 10_000);
  });

  it('gives webhook deliveries a first retry within seconds, at most 10 s between attempts, and over an hour of retries', () => {
    expect(retryDelayMs(WEBHOOK_DELIVERY_RETRY, 1)).toBeLessThanOrEqual(2000);
    const delays = Array.from({ length: WEBHOOK_DELIVERY_RETRY.attempts - 1 }, (_, i) => retryDelayMs(WEBHOOK_DELIVERY_RETRY, i + 1));
    expect(Math.max(...delays)).toBe(10_000);
    expect(retryHorizonMs(WEBHOOK_DELIVERY_RETRY)).toBeGreaterThanOrEqual(3600_000);
    expect(retryHorizonMs(WEBHOOK_DELIVERY_RETRY)).toBe(3_965_000);
  });
});
