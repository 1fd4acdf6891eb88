import { splitOsVersion } from '../host/host-stats.rule';

/** An operating system version as Fleet lists it (`/os_versions`), derived from a host's platform and os_version. */
export interface OsVersionIdentity {
  /** The host's os_version text: "Ubuntu 22.04.4 LTS", "macOS 14.1.2", "Windows 11 Pro 23H2 10.0.22631.3007". */
  readonly name: string;
  readonly nameOnly: string;
  readonly version: string;
  readonly platform: string;
  /** Windows: the kernel build with revision; '' elsewhere. */
  readonly kernelVersion: string;
  /** Windows display version ("23H2"); '' elsewhere. */
  readonly displayVersion: string;
  readonly arch: string;
}

const BUILD = /^\d+\.\d+\.\d+\.\d+$/;
const DISPLAY = /^(\d{2}H\d|\d{4})$/;

/**
 * Windows hosts report "Windows 11 Pro 23H2 10.0.22631.3007" (name, display version, kernel build; the
 * os_version_windows detail query): Fleet shows everything before the build as `name_only` and the build
 * as `version`. Other platforms split before the first word that starts with a digit.
 */
export function osVersionOf(platform: string, osVersion: string, arch = ''): OsVersionIdentity {
  const name = osVersion.trim().replace(/\s+/g, ' ');
  if (platform === 'windows') {
    const words = name.split(' ');
    const last = words[words.length - 1] ?? '';
    const kernelVersion = BUILD.test(last) ? last : '';
    const rest = kernelVersion ? words.slice(0, -1) : words;
    const display = rest.length > 0 && DISPLAY.test(rest[rest.length - 1] ?? '') ? (rest[rest.length - 1]) : '';
    return { name, nameOnly: rest.join(' '), version: kernelVersion, platform, kernelVersion, displayVersion: display, arch };
  }
  const { name: nameOnly, version } = splitOsVersion(name);
  return { name, nameOnly, version, platform, kernelVersion: '', displayVersion: '', arch };
}

/** The Windows edition without its display version: "Windows 11 Pro 23H2" → "Windows 11 Pro". */
export function windowsEditionOf(os: OsVersionIdentity): string {
  return os.displayVersion ? os.nameOnly.slice(0, -os.displayVersion.length).trim() : os.nameOnly;
}

const UBUNTU = /^Ubuntu (\d+\.\d+)/i;
const RHEL_LIKE = /^(Red Hat Enterprise Linux|CentOS|CentOS Linux|CentOS Stream|Rocky Linux|AlmaLinux)\D*(\d+)/i;
const RHEL_PLATFORMS = new Set(['rhel', 'centos', 'rocky', 'almalinux']);

/**
 * The distribution release whose OVAL definitions apply to a host's packages ("ubuntu_22.04", "rhel_9"), or
 * null when none are used. Red Hat's definitions also serve its rebuilds (CentOS, Rocky, Alma), whose
 * package versions follow Red Hat's.
 */
export function ovalPlatformOf(platform: string, osVersion: string): string | null {
  if (platform === 'ubuntu') {
    const m = UBUNTU.exec(osVersion.trim());
    return m ? `ubuntu_${m[1] ?? ''}` : null;
  }
  if (RHEL_PLATFORMS.has(platform)) {
    const m = RHEL_LIKE.exec(osVersion.trim());
    return m ? `rhel_${m[2] ?? ''}` : null;
  }
  return null;
}
