import { policyResultsInvalidatedBy } from './policy-results.rule';
import type { PolicyFields } from './policy.types';

const p: PolicyFields = { name: 'p', query: 'SELECT 1', description: '', resolution: '', platform: 'darwin', critical: false };

describe('policyResultsInvalidatedBy', () => {
  it('forgets results when the query or the platform changes', () => {
    expect(policyResultsInvalidatedBy(p, { query: 'SELECT 2' })).toBe(true);
    expect(policyResultsInvalidatedBy(p, { platform: 'linux' })).toBe(true);
  });

  it('keeps them when the same values are sent or other fields change', () => {
    expect(policyResultsInvalidatedBy(p, { query: 'SELECT 1', platform: 'darwin' })).toBe(false);
    expect(policyResultsInvalidatedBy(p, { name: 'q', description: 'd', resolution: 'r', critical: true })).toBe(false);
  });
});
