/** Fleet's platform families; every raw osquery platform maps to at most one. */
export const PLATFORM_FAMILIES = ['linux', 'darwin', 'windows', 'chrome'] as const;
export type PlatformFamily = (typeof PLATFORM_FAMILIES)[number];

/**
 * `os_version.platform` values Fleet treats as Linux (fleet.HostLinuxOSs). Linux-only detail queries are
 * sent to any of these.
 */
export const LINUX_PLATFORMS: readonly string[] = [
  'linux', 'ubuntu', 'debian', 'rhel', 'centos', 'sles', 'kali', 'gentoo', 'amzn', 'pop', 'arch', 'linuxmint',
  'void', 'nixos', 'endeavouros', 'manjaro', 'opensuse-leap', 'opensuse-tumbleweed', 'tuxedo', 'neon',
];

/**
 * Extra distributions whose `platform_like` reveals a Linux family (e.g. rocky → "rhel centos fedora").
 * Fleet itself only knows the list above; accepting these keeps new distros from looking platform-less.
 */
const LINUX_LIKE_TOKENS: readonly string[] = ['debian', 'ubuntu', 'rhel', 'fedora', 'centos', 'suse', 'arch'];

export function isLinuxPlatform(platform: string): boolean {
  return LINUX_PLATFORMS.includes(platform.trim().toLowerCase());
}

/**
 * Maps a raw osquery platform (`os_version.platform`) to its family, like Fleet's PlatformFromHost.
 * Returns null for unknown or empty platforms (e.g. a host whose vitals have not arrived yet).
 */
export function platformFamily(platform: string | null | undefined, platformLike?: string | null): PlatformFamily | null {
  const p = (platform ?? '').trim().toLowerCase();
  if (p === 'darwin' || p === 'windows' || p === 'chrome') return p;
  if (isLinuxPlatform(p)) return 'linux';
  const like = (platformLike ?? '').toLowerCase().split(/[\s,]+/);
  if (p !== '' && like.some((token) => LINUX_LIKE_TOKENS.includes(token))) return 'linux';
  return null;
}

/**
 * osquery's enroll `platform_type` is a decimal bitmask string (POSIX=1, WINDOWS=2, BSD=4, LINUX=8, OSX=16).
 * Fleet ignores it; it is still a useful hint before `os_version` has been ingested.
 */
export function platformFamilyFromPlatformType(platformType: string | undefined): PlatformFamily | null {
  if (platformType === undefined || !/^\d+$/.test(platformType)) return null;
  const mask = Number(platformType);
  if (mask & 0x10) return 'darwin';
  if (mask & 0x08) return 'linux';
  if (mask & 0x02) return 'windows';
  return null;
}
