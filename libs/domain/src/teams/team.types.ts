/** An enroll secret: global (teamId null) or a team's; hosts that enroll with it join that team. */
export interface EnrollSecret {
  readonly secret: string;
  readonly teamId: number | null;
  readonly createdAt: Date;
}

/** A team with its member and host counts. */
export interface Team {
  readonly id: number;
  readonly name: string;
  readonly description: string;
  /** The team's settings document: agent_options, features, webhook_settings, host_expiry_settings... */
  readonly config: Record<string, unknown>;
  readonly createdAt: Date;
  readonly userCount: number;
  readonly hostCount: number;
}
