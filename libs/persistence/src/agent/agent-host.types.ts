import type { AgentHost, HostVitalsPatch } from '@fleet/domain';

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
