import { hostStatus, isHostNew, isHostOnline } from './host-status.rule';

const T0 = new Date('2025-01-29T22:00:00Z');
const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);

describe('isHostOnline', () => {
  it('uses the smaller of the two intervals plus the 60 s buffer, strictly', () => {
    // LEAST(10, 30) + 60 = 70 s
    expect(isHostOnline(T0, at(69), 10, 30)).toBe(true);
    expect(isHostOnline(T0, at(69.999), 10, 30)).toBe(true);
    expect(isHostOnline(T0, at(70), 10, 30)).toBe(false);
  });

  it('leaves only the buffer when the intervals are still unknown (0)', () => {
    expect(isHostOnline(T0, at(59), 0, 0)).toBe(true);
    expect(isHostOnline(T0, at(60), 0, 0)).toBe(false);
    // Fleet's LEAST: a zero config refresh shrinks the window even with a long distributed interval.
    expect(isHostOnline(T0, at(61), 600, 0)).toBe(false);
  });

  it('treats negative or NaN intervals as zero', () => {
    expect(isHostOnline(T0, at(59), -100, Number.NaN)).toBe(true);
    expect(isHostOnline(T0, at(61), -100, Number.NaN)).toBe(false);
  });
});

describe('hostStatus', () => {
  const base = { createdAt: new Date('2024-01-01T00:00:00Z'), distributedInterval: 10, configTlsRefresh: 10 };
  const day = 24 * 3600;

  it('is online, then offline, then missing after 30 days', () => {
    expect(hostStatus({ ...base, seenAt: T0 }, at(69))).toBe('online');
    expect(hostStatus({ ...base, seenAt: T0 }, at(70))).toBe('offline');
    expect(hostStatus({ ...base, seenAt: T0 }, at(30 * day - 1))).toBe('offline');
    expect(hostStatus({ ...base, seenAt: T0 }, at(30 * day))).toBe('missing');
  });

  it('falls back to created_at when the host was never seen', () => {
    expect(hostStatus({ ...base, createdAt: T0, seenAt: null }, at(30))).toBe('online');
    expect(hostStatus({ ...base, createdAt: T0, seenAt: null }, at(3600))).toBe('offline');
  });
});

describe('isHostNew', () => {
  it('is new for exactly 24 hours after creation', () => {
    expect(isHostNew(T0, at(24 * 3600))).toBe(true);
    expect(isHostNew(T0, at(24 * 3600 + 1))).toBe(false);
  });
});
