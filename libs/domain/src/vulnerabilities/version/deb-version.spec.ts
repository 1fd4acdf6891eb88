import { compareDebVersions, parseDebVersion } from './deb-version';

const sorted = (list: string[]): string[] => [...list].sort(compareDebVersions);

describe('dpkg version comparison', () => {
  it('splits epoch, upstream and revision (the last hyphen; colons only after an epoch)', () => {
    expect(parseDebVersion('1:8.9p1-3ubuntu0.10')).toEqual({ epoch: 1, upstream: '8.9p1', revision: '3ubuntu0.10' });
    expect(parseDebVersion('2.35-0ubuntu3.4')).toEqual({ epoch: 0, upstream: '2.35', revision: '0ubuntu3.4' });
    expect(parseDebVersion('1.2.3-4-5')).toEqual({ epoch: 0, upstream: '1.2.3-4', revision: '5' });
    expect(parseDebVersion('0.9.8')).toEqual({ epoch: 0, upstream: '0.9.8', revision: '' });
  });

  it('compares the epoch first, whatever the rest says', () => {
    expect(compareDebVersions('1:0.1', '2.0')).toBe(1);
    expect(compareDebVersions('8.9p1-3ubuntu0.20', '1:8.9p1-3ubuntu0.10')).toBe(-1);
    expect(compareDebVersions('0:2.35-0ubuntu3.4', '2.35-0ubuntu3.4')).toBe(0);
  });

  it('sorts ~ before everything, even the end of the string (deb-version(7)\'s own example)', () => {
    expect(sorted(['a', '', '~', '~~a', '~~'])).toEqual(['~~', '~~a', '~', '', 'a']);
    expect(compareDebVersions('1.0~rc1', '1.0')).toBe(-1);
    expect(compareDebVersions('1.2.3-1ubuntu1~22.04.1', '1.2.3-1ubuntu1')).toBe(-1);
    expect(compareDebVersions('12.22.9~dfsg-1ubuntu3.2', '12.22.9-1')).toBe(-1);
  });

  it('orders letters before other characters, and both after the end', () => {
    expect(compareDebVersions('1.0a', '1.0')).toBe(1);
    expect(compareDebVersions('1.0+dfsg', '1.0a')).toBe(1);
    expect(compareDebVersions('1.0+dfsg', '1.0')).toBe(1);
  });

  it('compares digit runs as numbers, so leading zeros do not count and 10 > 9', () => {
    expect(compareDebVersions('1:8.9p1-3ubuntu0.6', '1:8.9p1-3ubuntu0.10')).toBe(-1);
    expect(compareDebVersions('1.01', '1.1')).toBe(0);
    expect(compareDebVersions('7.81.0-1ubuntu1.13', '7.81.0-1ubuntu1.14')).toBe(-1);
  });

  it('treats a missing revision as equal to 0 and older than any other', () => {
    expect(compareDebVersions('1.0', '1.0-0')).toBe(0);
    expect(compareDebVersions('1.0', '1.0-1')).toBe(-1);
  });
});
