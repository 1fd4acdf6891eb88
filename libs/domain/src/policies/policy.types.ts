/** The writable fields of a policy (a yes/no query: a host passes when the query returns a row). */
export interface PolicyFields {
  readonly name: string;
  readonly query: string;
  readonly description: string;
  readonly resolution: string;
  /** Comma-separated osquery platforms the policy runs on, '' for every platform. */
  readonly platform: string;
  readonly critical: boolean;
}

/**
 * A policy (fleet-admin-api.md §1.8): global (`teamId` null) or owned by one team; names are unique per team.
 * `passing` and `failing` count the hosts whose latest answer passed or failed (hosts that never answered
 * are in neither).
 */
export interface Policy extends PolicyFields {
  readonly id: number;
  readonly teamId: number | null;
  readonly authorId: number | null;
  readonly authorName: string;
  readonly authorEmail: string;
  readonly passing: number;
  readonly failing: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}
