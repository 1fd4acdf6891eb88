import type { HostStatus } from '../host/host-status.rule';

/** A campaign is created `waiting`, runs once its Redis keys are written, and ends exactly once. */
export type CampaignStatus = 'waiting' | 'running' | 'completed' | 'stopped' | 'timed_out';
export type CampaignEndStatus = Extract<CampaignStatus, 'completed' | 'stopped' | 'timed_out'>;

/** A live-query campaign (osquery-protocol.md §6.1): the SQL, who started it, and its totals. */
export interface Campaign {
  readonly id: number;
  /** The saved query it ran, or null for ad-hoc SQL. */
  readonly queryId: number | null;
  readonly query: string;
  readonly status: CampaignStatus;
  readonly userId: number | null;
  readonly targeted: number;
  readonly online: number;
  readonly offline: number;
  readonly missing: number;
  readonly responded: number;
  readonly failed: number;
  readonly rows: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly finishedAt: Date | null;
  /** A waiting campaign's deadline (it waits for offline targets until then); null for Fleet's campaigns. */
  readonly waitUntil: Date | null;
  /** Its answers go to the log destinations. */
  readonly logResults: boolean;
}

/** One host's answer to a waiting campaign, as kept after the campaign's stream expired. */
export interface CampaignAnswer {
  readonly hostId: number;
  readonly hostname: string;
  /** Epoch ms when the answer was accepted. */
  readonly at: number;
  readonly error: string | null;
  readonly rows: ReadonlyArray<Record<string, unknown>>;
}

export interface NewCampaign {
  readonly queryId: number | null;
  readonly query: string;
  readonly userId: number;
  readonly targeted: number;
  readonly online: number;
  readonly offline: number;
  readonly missing: number;
  readonly waitUntil?: Date | null;
  readonly logResults?: boolean;
}

/** What the answers of an ended campaign came to. */
export interface CampaignOutcome {
  readonly responded: number;
  readonly failed: number;
  readonly rows: number;
}

/** A saved query as a live query needs it: its SQL, its team (null = global) and whether observers may run it. */
export interface RunnableQuery {
  readonly id: number;
  readonly name: string;
  readonly query: string;
  readonly teamId: number | null;
  readonly observerCanRun: boolean;
}

/** What a campaign targets, by id. Team id 0 means "hosts with no team" (Fleet's convention). */
export interface TargetSelection {
  readonly hostIds: readonly number[];
  readonly labelIds: readonly number[];
  readonly teamIds: readonly number[];
}

export interface TargetHost {
  readonly id: number;
  readonly hostname: string;
  readonly teamId: number | null;
  readonly status: HostStatus;
}

/** The hosts a selection reaches inside the caller's scope, with their status counts. */
export interface ResolvedTargets {
  readonly hosts: readonly TargetHost[];
  readonly online: number;
  readonly offline: number;
  readonly missing: number;
}
