import { sqlTime } from './sql-values';

describe('sqlTime', () => {
  it('formats epoch milliseconds as MySQL DATETIME text in UTC, as Date#toISOString does', () => {
    const reference = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
    const samples = [0, 5, 42, 999, 1000, 1_001, 1_796_568_572_191, 1_796_568_572_009, 1_796_568_572_090, Date.UTC(2026, 11, 31, 23, 59, 59, 999), Date.UTC(2027, 0, 1), -1, -1_500];
    for (const ms of samples) expect(sqlTime(ms)).toBe(reference(ms));
  });

  it('gives the same text for a second it formatted before and for many seconds in turn', () => {
    const base = Date.UTC(2026, 11, 6, 15, 30, 0, 0);
    const first = Array.from({ length: 200 }, (_, i) => sqlTime(base + i * 997));
    const again = Array.from({ length: 200 }, (_, i) => sqlTime(base + i * 997));
    expect(again).toEqual(first);
    expect(first[3]).toBe('2026-12-06 15:30:02.991');
  });

  it('keeps the reference behaviour for fractional and invalid times', () => {
    expect(sqlTime(1_500.7)).toBe('1970-01-01 00:00:01.500');
    expect(() => sqlTime(Number.NaN)).toThrow(RangeError);
  });
});
