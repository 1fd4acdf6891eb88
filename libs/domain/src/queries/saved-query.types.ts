/** How osquery logs a scheduled query's results (Fleet's `logging`). */
export type QueryLogging = 'snapshot' | 'differential' | 'differential_ignore_removals';

export const QUERY_LOGGING_TYPES: readonly QueryLogging[] = ['snapshot', 'differential', 'differential_ignore_removals'];

/** The writable fields of a saved query, with its schedule (Fleet's names in camel case). */
export interface QueryFields {
  readonly name: string;
  readonly description: string;
  readonly query: string;
  readonly observerCanRun: boolean;
  /** Seconds between runs; 0 = not scheduled. */
  readonly interval: number;
  /** Comma-separated osquery platforms, '' for every platform. */
  readonly platform: string;
  readonly minOsqueryVersion: string;
  readonly automationsEnabled: boolean;
  readonly logging: QueryLogging;
  /** Keep no report of the results (they still go to the log destination). */
  readonly discardData: boolean;
}

/**
 * A saved query (fleet-admin-api.md §1.5): global (`teamId` null) or owned by one team; names are unique per
 * team. Its author is shown by name and email, '' once the user is gone.
 */
export interface SavedQuery extends QueryFields {
  readonly id: number;
  readonly teamId: number | null;
  readonly authorId: number | null;
  readonly authorName: string;
  readonly authorEmail: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A 2017 pack that schedules a saved query, as the query object lists it. */
export interface QueryPack {
  readonly id: number;
  readonly name: string;
  readonly description: string;
  readonly platform: string;
  readonly disabled: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** One host's latest stored results of a scheduled query (the query report). */
export interface QueryReportRow {
  readonly hostId: number;
  readonly hostName: string;
  readonly lastFetched: Date;
  /** One result row: column name → value, as osquery sent it. */
  readonly data: Record<string, unknown>;
}
