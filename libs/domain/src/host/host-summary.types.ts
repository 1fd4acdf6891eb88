/** Host counts of `/host_summary` within one scope, team and platform (missing = not seen for 30 days). */
export interface HostSummary {
  readonly total: number;
  readonly online: number;
  readonly offline: number;
  readonly missing: number;
  readonly new: number;
  readonly allLinux: number;
  /** Sorted by platform name. */
  readonly platforms: ReadonlyArray<{ readonly platform: string; readonly count: number }>;
}
