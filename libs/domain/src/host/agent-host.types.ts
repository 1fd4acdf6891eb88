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
  /**
   * The check-in intervals stored for the host, as `distributed/config refresh/logger period` in seconds (the
   * columns distributed_interval, config_tls_refresh and logger_tls_period): a config fetch that would store the
   * same again writes nothing, on whichever replica and however long after a restart.
   */
  readonly intervals: string;
}
