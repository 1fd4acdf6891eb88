/** The hosts a 2017 pack reaches: explicit hosts, and every member of its labels and teams. */
export interface PackTargets {
  readonly hostIds: readonly number[];
  readonly labelIds: readonly number[];
  readonly teamIds: readonly number[];
}

/** What a caller sets on a pack; names are unique. */
export interface PackFields {
  readonly name: string;
  readonly description: string;
  /** Comma-separated osquery platforms, '' for every platform. */
  readonly platform: string;
  readonly disabled: boolean;
}

/** A 2017 pack (fleet-admin-api.md §1.7): a global object; its scheduled queries are ScheduledQuery. */
export interface Pack extends PackFields, PackTargets {
  readonly id: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly queryCount: number;
  /** Distinct hosts reached through the host, label and team targets. */
  readonly totalHostsCount: number;
}

/** Label and team target names of a pack, for `fleetctl get packs` (targets that no longer exist are left out). */
export interface PackTargetNames {
  readonly labels: string[];
  readonly teams: string[];
}

/** What a caller sets on a scheduled query; the nullable options mean "osquery's default". */
export interface ScheduledQueryFields {
  readonly queryId: number;
  /** Unique within the pack. */
  readonly name: string;
  readonly description: string;
  readonly interval: number;
  readonly snapshot: boolean | null;
  readonly removed: boolean | null;
  readonly platform: string | null;
  readonly version: string | null;
  readonly shard: number | null;
  readonly denylist: boolean | null;
}

/** A saved query scheduled in a 2017 pack, with the saved query's name and SQL. */
export interface ScheduledQuery extends ScheduledQueryFields {
  readonly id: number;
  readonly packId: number;
  readonly queryName: string;
  readonly query: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}
