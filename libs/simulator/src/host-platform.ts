/** The three simulated operating systems. Names follow the --platform_mix flag (ubuntu=50,macos=30,windows=20). */
export type SimPlatform = 'ubuntu' | 'macos' | 'windows';

export const SIM_PLATFORMS: readonly SimPlatform[] = ['ubuntu', 'macos', 'windows'];

/** A result row as osquery serializes it: every value a string. */
export type Row = Record<string, string>;

/**
 * osquery's enroll `platform_type` is the decimal build-platform bitmask as a string
 * (protocol §2.1: POSIX|BSD|DARWIN = "21", POSIX|LINUX = "9", WINDOWS = "2").
 */
export function platformTypeOf(platform: SimPlatform): string {
  switch (platform) {
    case 'ubuntu':
      return '9';
    case 'macos':
      return '21';
    case 'windows':
      return '2';
  }
}

/** The value of `os_version.platform`, which is what Fleet stores as the host platform. */
export function osqueryPlatformOf(platform: SimPlatform): string {
  switch (platform) {
    case 'ubuntu':
      return 'ubuntu';
    case 'macos':
      return 'darwin';
    case 'windows':
      return 'windows';
  }
}

/**
 * Names a scheduled query's `platform` field may use to target this host (osquery pack platform filter):
 * the build family plus `posix` for Unix builds and `any`/`all`.
 */
export function packPlatformNamesOf(platform: SimPlatform): readonly string[] {
  switch (platform) {
    case 'ubuntu':
      return ['linux', 'ubuntu', 'posix', 'any', 'all'];
    case 'macos':
      return ['darwin', 'posix', 'any', 'all'];
    case 'windows':
      return ['windows', 'any', 'all'];
  }
}
