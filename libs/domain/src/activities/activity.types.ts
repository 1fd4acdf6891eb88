/** Who did something: copied into the entry at write time, so entries survive the user's deletion. */
export interface ActivityActor {
  readonly id: number;
  readonly name: string;
  readonly email: string;
}

/** One audit-log entry (fleet-admin-api.md §1.13). No actor = initiated by Fleet itself (expiry, a failed login). */
export interface Activity {
  readonly id: number;
  readonly createdAt: Date;
  readonly actorId: number | null;
  readonly actorName: string | null;
  /** Empty when Fleet initiated it. */
  readonly actorEmail: string;
  readonly type: string;
  readonly details: Readonly<Record<string, unknown>>;
  readonly fleetInitiated: boolean;
}

/** Which entries of the log to list (Fleet's `activity_type`, `start_created_at`, `end_created_at`); both times inclusive. */
export interface ActivityFilter {
  readonly type?: string;
  readonly createdFrom?: Date;
  readonly createdTo?: Date;
}
