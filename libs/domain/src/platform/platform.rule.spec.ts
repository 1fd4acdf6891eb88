import { platformFamily, platformFamilyFromPlatformType } from './platform.rule';

describe('platformFamily', () => {
  it.each([
    ['darwin', 'darwin'], ['windows', 'windows'], ['chrome', 'chrome'], ['ubuntu', 'linux'], ['debian', 'linux'],
    ['rhel', 'linux'], ['centos', 'linux'], ['amzn', 'linux'], ['arch', 'linux'], ['opensuse-leap', 'linux'],
    ['Ubuntu ', 'linux'], ['linux', 'linux'],
  ])('%p → %p', (raw, family) => {
    expect(platformFamily(raw)).toBe(family);
  });

  it('is null for unknown or empty platforms', () => {
    expect(platformFamily('')).toBeNull();
    expect(platformFamily(null)).toBeNull();
    expect(platformFamily('freebsd')).toBeNull();
    expect(platformFamily('ios')).toBeNull();
  });

  it('uses platform_like for distributions Fleet does not list', () => {
    expect(platformFamily('rocky', 'rhel centos fedora')).toBe('linux');
    expect(platformFamily('freebsd', 'bsd')).toBeNull();
  });
});

describe('platformFamilyFromPlatformType', () => {
  it('decodes the enroll bitmask', () => {
    expect(platformFamilyFromPlatformType('21')).toBe('darwin');
    expect(platformFamilyFromPlatformType('9')).toBe('linux');
    expect(platformFamilyFromPlatformType('2')).toBe('windows');
    expect(platformFamilyFromPlatformType('x')).toBeNull();
    expect(platformFamilyFromPlatformType(undefined)).toBeNull();
  });
});
