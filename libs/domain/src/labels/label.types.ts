/**
 * A label (fleet-admin-api.md §1.4): a global object. A dynamic label's members are the hosts whose answer to
 * its query is non-empty (written by the ingest role); a manual label's members are set by hand. Built-in
 * labels (`builtin`) are seeded by the migrations and never change.
 */
export interface Label {
  readonly id: number;
  readonly name: string;
  readonly description: string;
  /** '' for a manual label. */
  readonly query: string;
  /** osquery platform the query runs on, '' for every platform. */
  readonly platform: string;
  readonly builtin: boolean;
  readonly manual: boolean;
  /** Current members. */
  readonly hostCount: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What creating a label stores. */
export interface LabelInput {
  readonly name: string;
  readonly description: string;
  readonly query: string;
  readonly platform: string;
  readonly manual: boolean;
  readonly authorId: number | null;
}

/** What changing a label may set: name and description from the REST API, the rest from spec applies. */
export interface LabelPatch {
  readonly name?: string;
  readonly description?: string;
  readonly query?: string;
  readonly platform?: string;
  readonly manual?: boolean;
}
