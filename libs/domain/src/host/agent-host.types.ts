/** What the agent API needs to know about a host on every check-in; small enough to cache per node key. */
export interface AgentHost {
  readonly id: number;
  readonly nodeKey: string;
  readonly osqueryHostId: string;
  readonly teamId: number | null;
  readonly platform: string;
  readonly hostname: string;
  readonly refetchRequested: boolean;
  readonly detailUpdatedAt: number;
  readonly labelUpdatedAt: number;
  readonly policyUpdatedAt: number;
  readonly lastEnrolledAt: number;
}
