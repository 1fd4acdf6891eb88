import type { Host, HostPolicy } from './host.types';

/** A failing policy as the health report lists it: enough to show and to fix it. */
export interface HealthFailingPolicy {
  readonly id: number;
  readonly name: string;
  readonly critical: boolean;
  readonly resolution: string;
}

/** A host's device health (Fleet's `GET /hosts/:id/health`): a subset of its vitals and what it fails. */
export interface HostHealth {
  readonly updatedAt: Date;
  readonly osVersion: string;
  readonly failingPolicies: readonly HealthFailingPolicy[];
  readonly failingCriticalPoliciesCount: number;
}

/**
 * The health of a host from the policies that apply to it with its answers: a policy fails when the host's
 * latest answer is a fail; one not answered yet (null) is not counted, as Fleet counts `failing_policies_count`.
 */
export function hostHealth(host: Pick<Host, 'updatedAt' | 'osVersion'>, policies: readonly HostPolicy[]): HostHealth {
  const failing = policies.filter((p) => p.passes === false);
  return {
    updatedAt: host.updatedAt,
    osVersion: host.osVersion,
    failingPolicies: failing.map((p) => ({ id: p.id, name: p.name, critical: p.critical, resolution: p.resolution })),
    failingCriticalPoliciesCount: failing.filter((p) => p.critical).length,
  };
}
