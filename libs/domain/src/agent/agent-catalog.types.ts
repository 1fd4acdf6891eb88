/** The agent API's view of the catalog (one per process, reloaded on change). */

/** A saved query with a schedule, as agents run it and as the log handler resolves its results. */
export interface AgentScheduledQuery {
  readonly id: number;
  readonly teamId: number | null;
  readonly name: string;
  readonly query: string;
  readonly interval: number;
  readonly platform: string;
  readonly minOsqueryVersion: string;
  readonly logging: string;
  readonly automationsEnabled: boolean;
  readonly discardData: boolean;
}

export interface AgentPackQuery {
  readonly name: string;
  readonly query: string;
  readonly interval: number;
  readonly snapshot: boolean | null;
  readonly removed: boolean | null;
  readonly platform: string;
  readonly version: string;
  readonly shard: number | null;
  readonly denylist: boolean | null;
}

/** A 2017-style pack and who it targets. */
export interface AgentPack {
  readonly id: number;
  readonly name: string;
  readonly platform: string;
  readonly labelIds: readonly number[];
  readonly hostIds: readonly number[];
  readonly teamIds: readonly number[];
  readonly queries: readonly AgentPackQuery[];
}

export interface DynamicLabel {
  readonly id: number;
  readonly query: string;
  readonly platform: string;
}

export interface AgentPolicy {
  readonly id: number;
  readonly teamId: number | null;
  readonly query: string;
  readonly platforms: string;
}

/** Everything the agent API builds configs and distributed reads from; cached and reloaded on change. */
export interface AgentCatalog {
  readonly appConfig: Readonly<Record<string, unknown>>;
  readonly teamConfigs: ReadonlyMap<number, Readonly<Record<string, unknown>>>;
  readonly scheduledQueries: readonly AgentScheduledQuery[];
  readonly packs: readonly AgentPack[];
  readonly labels: readonly DynamicLabel[];
  readonly policies: readonly AgentPolicy[];
}
