/**
 * Host fields filled from detail queries (and from enrollment `host_details`). Every field is optional:
 * a patch only carries what the agent actually reported, and absent fields keep their stored value.
 */
export interface HostVitalsPatch {
  hostname?: string;
  uuid?: string;
  computer_name?: string;
  hardware_serial?: string;
  hardware_vendor?: string;
  hardware_model?: string;
  hardware_version?: string;
  /** Raw osquery platform (`os_version.platform`), e.g. "ubuntu". */
  platform?: string;
  platform_like?: string;
  code_name?: string;
  build?: string;
  /** Human readable, e.g. "Ubuntu 22.04.4 LTS" or "Windows 11 Pro 23H2". */
  os_version?: string;
  osquery_version?: string;
  /** Physical memory in bytes. */
  memory?: number;
  uptime_seconds?: number;
  cpu_type?: string;
  cpu_subtype?: string;
  cpu_brand?: string;
  cpu_physical_cores?: number;
  cpu_logical_cores?: number;
  primary_ip?: string;
  primary_mac?: string;
  gigs_disk_space_available?: number;
  percent_disk_space_available?: number;
  gigs_total_disk_space?: number;
  /** Seconds; feed the online rule. */
  distributed_interval?: number;
  config_tls_refresh?: number;
  logger_tls_period?: number;
}

export type SoftwareSource =
  | 'deb_packages'
  | 'rpm_packages'
  | 'portage_packages'
  | 'npm_packages'
  | 'apps'
  | 'homebrew_packages'
  | 'safari_extensions'
  | 'chrome_extensions'
  | 'firefox_addons'
  | 'programs'
  | 'ie_extensions'
  | 'chocolatey_packages'
  | (string & {});

export interface SoftwareItem {
  name: string;
  version: string;
  source: SoftwareSource;
  vendor?: string;
  release?: string;
  arch?: string;
  installed_path?: string;
  bundle_identifier?: string;
  extension_id?: string;
  browser?: string;
  /** Unix seconds; only macOS apps report it. */
  last_opened_at?: number;
}

export interface HostUser {
  uid: number;
  username: string;
  type: string;
  groupname: string;
  shell: string;
}

/** Something in the agent's rows that could not be used; recorded instead of thrown. */
export interface IngestProblem {
  readonly query: string;
  readonly reason: string;
  /** Index of the offending row, when one row is to blame. */
  readonly row?: number;
}

export type DetailIngestResult =
  | { readonly kind: 'vitals'; readonly patch: HostVitalsPatch; readonly problems: readonly IngestProblem[] }
  | { readonly kind: 'software'; readonly software: readonly SoftwareItem[]; readonly problems: readonly IngestProblem[] }
  | { readonly kind: 'users'; readonly users: readonly HostUser[]; readonly problems: readonly IngestProblem[] };

/** A row as osquery sends it in distributed/write: column name → string value. */
export type AgentRow = Readonly<Record<string, string>>;
