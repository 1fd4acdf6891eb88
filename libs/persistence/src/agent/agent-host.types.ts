import type { AgentHost, HostUser, HostVitalsPatch, SoftwareItem } from '@fleet/domain';

export interface EnrollInput {
  readonly identifier: string;
  readonly nodeKey: string;
  readonly teamId: number | null;
  readonly vitals: HostVitalsPatch;
  readonly publicIp: string;
  /** Refuse a re-enroll of the same identifier within this many ms (0 = off). */
  readonly cooldownMs: number;
  readonly now: Date;
}

export type EnrollOutcome =
  | { readonly kind: 'enrolled'; readonly host: AgentHost; readonly reenrolled: boolean; readonly previousNodeKey: string | null }
  | { readonly kind: 'too_soon'; readonly lastEnrolledAt: Date };

/** One host's processed distributed/write, as queued for the batch writer. */
export interface HostWrite {
  readonly hostId: number;
  readonly at: number;
  readonly vitals?: HostVitalsPatch;
  readonly detailUpdated?: boolean;
  readonly software?: readonly SoftwareItem[];
  readonly users?: readonly HostUser[];
  /** label id → matched (true/false); null = the query failed, membership unchanged. */
  readonly labels?: Readonly<Record<string, boolean | null>>;
  readonly policies?: Readonly<Record<string, boolean | null>>;
  readonly labelsRan?: boolean;
  readonly policiesRan?: boolean;
  readonly refetchCleared?: boolean;
  readonly intervals?: { readonly distributed: number; readonly configRefresh: number; readonly loggerPeriod: number };
  readonly publicIp?: string;
}

/** The latest snapshot of a scheduled query on a host, replacing the host's previous rows in the report. */
export interface QueryReportWrite {
  readonly queryId: number;
  readonly hostId: number;
  readonly at: number;
  readonly rows: ReadonlyArray<Record<string, string>>;
}
