import { isRefreshDue, refreshJitterMs, stableJitterFraction } from './refresh.rule';

const HOUR = 3600_000;
const last = new Date('2025-01-01T00:00:00Z');
const after = (ms: number): Date => new Date(last.getTime() + ms);

describe('isRefreshDue', () => {
  it('is due strictly after the interval when there is no jitter', () => {
    expect(isRefreshDue(last, after(HOUR), HOUR, 10, 0)).toBe(false);
    expect(isRefreshDue(last, after(HOUR + 1), HOUR, 10, 0)).toBe(true);
  });

  it('adds up to jitterPct of the interval, scaled by the injected random number', () => {
    // 10 % of one hour = 6 min; random 0.5 → 3 min of jitter.
    expect(refreshJitterMs(HOUR, 10, 0.5)).toBe(180_000);
    expect(isRefreshDue(last, after(HOUR + 180_000), HOUR, 10, 0.5)).toBe(false);
    expect(isRefreshDue(last, after(HOUR + 180_001), HOUR, 10, 0.5)).toBe(true);
  });

  it('never exceeds the maximum jitter and clamps bad inputs', () => {
    expect(refreshJitterMs(HOUR, 10, 1)).toBeLessThan(360_000);
    expect(refreshJitterMs(HOUR, 10, 5)).toBeLessThan(360_000);
    expect(refreshJitterMs(HOUR, -5, 0.9)).toBe(0);
    expect(refreshJitterMs(HOUR, 10, Number.NaN)).toBe(0);
    expect(refreshJitterMs(HOUR, 500, 0.5)).toBe(HOUR / 2);
  });

  it('is always due for a host that was never refreshed', () => {
    expect(isRefreshDue(null, last, HOUR, 10, 0.99)).toBe(true);
  });
});

describe('stableJitterFraction', () => {
  it('is deterministic per host, within [0, 1), and spreads hosts out', () => {
    expect(stableJitterFraction(42)).toBe(stableJitterFraction('42'));
    const values = Array.from({ length: 200 }, (_, i) => stableJitterFraction(i));
    for (const v of values) expect(v >= 0 && v < 1).toBe(true);
    expect(new Set(values.map((v) => Math.floor(v * 10))).size).toBeGreaterThanOrEqual(8);
  });
});
