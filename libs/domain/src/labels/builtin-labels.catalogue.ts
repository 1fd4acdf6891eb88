import { isLinuxPlatform } from '../platform/platform.rule';

export type BuiltinLabelKey =
  | 'all_hosts'
  | 'macos'
  | 'ubuntu'
  | 'centos'
  | 'windows'
  | 'rhel'
  | 'all_linux'
  | 'chrome';

export interface BuiltinLabel {
  readonly key: BuiltinLabelKey;
  readonly name: string;
  readonly description: string;
  readonly query: string;
  /** Raw osquery platform the label is sent to; '' = every platform (Fleet's convention). */
  readonly platform: string;
  readonly label_type: 'builtin';
  readonly label_membership_type: 'dynamic';
}

const builtin = (
  key: BuiltinLabelKey,
  name: string,
  description: string,
  query: string,
  platform: string,
): BuiltinLabel => ({ key, name, description, query, platform, label_type: 'builtin', label_membership_type: 'dynamic' });

/** The labels Fleet ships in every installation; names are user-visible and must stay as Fleet spells them. */
export const BUILTIN_LABELS: readonly BuiltinLabel[] = [
  builtin('all_hosts', 'All Hosts', 'All hosts which have enrolled in Fleet', 'SELECT 1;', ''),
  builtin('macos', 'macOS', 'All macOS hosts', "SELECT 1 FROM os_version WHERE platform = 'darwin';", 'darwin'),
  builtin('ubuntu', 'Ubuntu Linux', 'All Ubuntu hosts', "SELECT 1 FROM os_version WHERE platform = 'ubuntu';", 'ubuntu'),
  builtin('centos', 'CentOS Linux', 'All CentOS hosts',
    "SELECT 1 FROM os_version WHERE platform = 'centos' OR name LIKE '%centos%';", 'centos'),
  builtin('windows', 'MS Windows', 'All Windows hosts', "SELECT 1 FROM os_version WHERE platform = 'windows';", 'windows'),
  builtin('rhel', 'Red Hat Linux', 'All Red Hat Enterprise Linux hosts',
    "SELECT 1 FROM os_version WHERE name LIKE '%red hat%';", 'rhel'),
  builtin('all_linux', 'All Linux', 'All Linux distributions',
    "SELECT 1 FROM osquery_info WHERE build_platform NOT IN ('darwin', 'windows', 'chrome');", ''),
  builtin('chrome', 'chrome', 'All Chrome hosts', "SELECT 1 FROM os_version WHERE platform = 'chrome';", 'chrome'),
];

export interface LabelHostFacts {
  /** Raw `os_version.platform`, e.g. "ubuntu". */
  readonly platform: string;
  /** `os_version.name`, e.g. "CentOS Linux"; used by labels that match on the OS name. */
  readonly osName?: string;
}

/**
 * Evaluates a builtin label without asking the agent, mirroring the label's SQL, so membership is right
 * from enrollment on instead of after the first label refresh.
 */
export function builtinLabelMatches(label: Pick<BuiltinLabel, 'key'>, host: LabelHostFacts): boolean {
  const platform = host.platform.trim().toLowerCase();
  const osName = (host.osName ?? '').toLowerCase();
  switch (label.key) {
    case 'all_hosts':
      return true;
    case 'macos':
      return platform === 'darwin';
    case 'ubuntu':
      return platform === 'ubuntu';
    case 'centos':
      return platform === 'centos' || osName.includes('centos');
    case 'windows':
      return platform === 'windows';
    case 'rhel':
      return osName.includes('red hat');
    case 'all_linux':
      return isLinuxPlatform(platform);
    case 'chrome':
      return platform === 'chrome';
  }
}

export function builtinLabelByName(name: string): BuiltinLabel | undefined {
  return BUILTIN_LABELS.find((label) => label.name === name);
}
