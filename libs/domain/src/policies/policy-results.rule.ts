import type { PolicyFields } from './policy.types';

/** Whether a change makes a policy's stored pass/fail results meaningless: they answered a different query or platform. */
export function policyResultsInvalidatedBy(before: PolicyFields, patch: Partial<PolicyFields>): boolean {
  return (patch.query !== undefined && patch.query !== before.query) || (patch.platform !== undefined && patch.platform !== before.platform);
}
