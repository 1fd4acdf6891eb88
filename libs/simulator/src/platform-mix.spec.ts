import { assignPlatforms, parsePlatformMix } from './platform-mix';

describe('platform mix', () => {
  it('parses the flag and assigns exact, deterministic counts', () => {
    const mix = parsePlatformMix('ubuntu=50,macos=30,windows=20');
    const platforms = assignPlatforms(mix, 101, 7);
    expect(platforms).toEqual(assignPlatforms(mix, 101, 7));
    const count = (p: string): number => platforms.filter((x) => x === p).length;
    expect(count('ubuntu') + count('macos') + count('windows')).toBe(101);
    expect(count('ubuntu')).toBe(51);
    expect(count('macos')).toBe(30);
    expect(count('windows')).toBe(20);
  });

  it('rejects unknown platforms', () => {
    expect(() => parsePlatformMix('beos=1')).toThrow(/unknown platform/);
  });
});
