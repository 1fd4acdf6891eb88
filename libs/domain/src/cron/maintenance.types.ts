/** Which hosts a background job is about: every host, the hosts of one team, or hosts outside some teams. */
export type HostGroup =
  | { readonly kind: 'all' }
  | { readonly kind: 'team'; readonly teamId: number }
  /** Hosts with no team or in a team not listed (the organisation's setting covers them). */
  | { readonly kind: 'global'; readonly exceptTeams: readonly number[] };

/** A host failing a policy, as Fleet's failing-policies webhook lists it. */
export interface FailingHost {
  readonly id: number;
  readonly hostname: string;
  /** The computer name, or the hostname when the host reported none. */
  readonly displayName: string;
}

/** A host that has not checked in for a while, with what its `deleted_host` activity names it by. */
export interface UnseenHost {
  readonly id: number;
  readonly hostname: string;
  readonly serial: string;
}

/** How many hosts a group has, and which of them have not checked in since a given time. */
export interface UnseenSummary {
  readonly total: number;
  readonly unseenIds: readonly number[];
}
