import type { Host, HostPolicy, HostSoftware } from './host.types';

/** A failing policy as the health report lists it: enough to show and to fix it. */
export interface HealthFailingPolicy {
  readonly id: number;
  readonly name: string;
  readonly critical: boolean;
  readonly resolution: string;
}

/** A software version installed on the host with at least one known CVE. */
export interface HealthVulnerableSoftware {
  readonly id: number;
  readonly name: string;
  readonly version: string;
}

/** A host's device health (Fleet's `GET /hosts/:id/health`): a subset of its vitals, what it fails and what is vulnerable on it. */
export interface HostHealth {
  readonly updatedAt: Date;
  readonly osVersion: string;
  readonly failingPolicies: readonly HealthFailingPolicy[];
  readonly failingCriticalPoliciesCount: number;
  readonly vulnerableSoftware: readonly HealthVulnerableSoftware[];
}

/**
 * The health of a host from the policies that apply to it with its answers, and its installed software with the
 * CVEs matched to it: a policy fails when the host's latest answer is a fail; one not answered yet (null) is not
 * counted, as Fleet counts `failing_policies_count`. A version installed at several paths is listed once.
 */
export function hostHealth(host: Pick<Host, 'updatedAt' | 'osVersion'>, policies: readonly HostPolicy[], software: readonly HostSoftware[]): HostHealth {
  const failing = policies.filter((p) => p.passes === false);
  const vulnerable = new Map<number, HealthVulnerableSoftware>();
  for (const s of software) if (s.vulnerabilities.length > 0 && !vulnerable.has(s.id)) vulnerable.set(s.id, { id: s.id, name: s.name, version: s.version });
  return {
    updatedAt: host.updatedAt,
    osVersion: host.osVersion,
    failingPolicies: failing.map((p) => ({ id: p.id, name: p.name, critical: p.critical, resolution: p.resolution })),
    failingCriticalPoliciesCount: failing.filter((p) => p.critical).length,
    vulnerableSoftware: [...vulnerable.values()],
  };
}
