export type HostStatusFilter = 'online' | 'offline' | 'new' | 'missing';

/**
 * Fleet's host-list filters after validation at the edge; absent = no filter. `teamId` 0 means "hosts with no
 * team". Lists, counts, the CSV report, label host lists and bulk actions all read this one shape.
 */
export interface HostFilters {
  readonly query?: string;
  readonly status?: HostStatusFilter;
  readonly teamId?: number;
  readonly labelId?: number;
  readonly policyId?: number;
  readonly policyResponse?: 'passing' | 'failing';
  readonly softwareId?: number;
  /** Hosts with any version of the software title (Fleet's `software_title_id`). */
  readonly softwareTitleId?: number;
  /** Hosts with software or an OS version affected by the CVE (Fleet's `vulnerability`). */
  readonly vulnerability?: string;
  readonly osName?: string;
  readonly osVersion?: string;
  readonly platform?: string;
  /** Hosts with less than this many GB of disk space available (Fleet's `low_disk_space`, 1 to 100). */
  readonly lowDiskSpace?: number;
}
