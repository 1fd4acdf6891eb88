import { bucketSamples, splitOsVersion } from './host-stats.rule';

const at = (iso: string, online: number, total: number) => ({ at: new Date(iso), online, total });

describe('bucketSamples', () => {
  it('averages the samples of each hour, in time order, and leaves hours without samples out', () => {
    const samples = [at('2026-01-01T10:55:00Z', 9, 10), at('2026-01-01T10:05:00Z', 4, 10), at('2026-01-01T10:35:00Z', 5, 10), at('2026-01-01T13:00:00Z', 1, 3)];
    expect(bucketSamples(samples, 3600_000)).toEqual([at('2026-01-01T10:00:00Z', 6, 10), at('2026-01-01T13:00:00Z', 1, 3)]);
  });

  it('keeps each sample when the bucket is smaller than their spacing', () => {
    const samples = [at('2026-01-01T10:00:00Z', 1, 2), at('2026-01-01T10:05:00Z', 2, 2)];
    expect(bucketSamples(samples, 60_000)).toEqual(samples);
  });
});

describe('splitOsVersion', () => {
  it.each([
    ['macOS 14.1', 'macOS', '14.1'],
    ['Ubuntu 22.04.3 LTS', 'Ubuntu', '22.04.3 LTS'],
    ['Microsoft Windows 11 Pro', 'Microsoft Windows', '11 Pro'],
    ['Arch Linux rolling', 'Arch Linux rolling', ''],
    ['14.1', '14.1', ''],
  ])('%s → name %s, version %s', (full, name, version) => {
    expect(splitOsVersion(full)).toEqual({ name, version });
    if (version) expect(`${name} ${version}`).toBe(full);
  });
});
