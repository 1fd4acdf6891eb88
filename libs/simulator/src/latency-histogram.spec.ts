import { LatencyHistogram } from './latency-histogram';

describe('LatencyHistogram', () => {
  it('reports percentiles within one bucket (4 %) of the exact values', () => {
    const h = new LatencyHistogram();
    for (let i = 1; i <= 1000; i++) h.record(i / 10);
    const s = h.summary();
    expect(s.count).toBe(1000);
    expect(s.p50).toBeGreaterThanOrEqual(50);
    expect(s.p50).toBeLessThanOrEqual(50 * 1.04);
    expect(s.p95).toBeGreaterThanOrEqual(95);
    expect(s.p95).toBeLessThanOrEqual(95 * 1.04);
    expect(s.p99).toBeGreaterThanOrEqual(99);
    expect(s.p99).toBeLessThanOrEqual(100);
    expect(s.max).toBe(100);
    expect(s.min).toBe(0.1);
  });

  it('is empty-safe and merges', () => {
    const a = new LatencyHistogram();
    expect(a.summary().p99).toBe(0);
    const b = new LatencyHistogram();
    a.record(1);
    b.record(1000);
    a.merge(b);
    expect(a.summary()).toMatchObject({ count: 2, max: 1000, min: 1 });
    expect(a.percentile(1)).toBe(1000);
  });

  it('reports only what was recorded after an earlier copy', () => {
    const h = new LatencyHistogram();
    for (let i = 0; i < 1000; i++) h.record(2000);
    const mark = h.copy();
    for (let i = 1; i <= 100; i++) h.record(i);
    const d = h.since(mark).summary();
    expect(d.count).toBe(100);
    expect(d.mean).toBeCloseTo(50.5, 5);
    expect(d.p99).toBeGreaterThanOrEqual(99);
    expect(d.p99).toBeLessThanOrEqual(100 * 1.04);
    expect(d.max).toBeLessThanOrEqual(100 * 1.04);
    expect(d.min).toBeGreaterThanOrEqual(1 / 1.04);
    expect(h.summary().p99).toBe(2000);
    expect(h.since(h.copy()).summary()).toMatchObject({ count: 0, p99: 0 });
    expect(() => mark.since(h)).toThrow(/not a copy/);
  });
});
