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
  readonly osName?: string;
  readonly osVersion?: string;
  readonly platform?: string;
  /** Hosts with less than this many GB of disk space available (Fleet's `low_disk_space`, 1 to 100). */
  readonly lowDiskSpace?: number;
}
