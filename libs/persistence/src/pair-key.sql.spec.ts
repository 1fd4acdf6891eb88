import { pairKeyCondition } from './pair-key.sql';

describe('pairKeyCondition', () => {
  it('groups the pairs by their first value, in the order first seen', () => {
    expect(pairKeyCondition('label_id', 'host_id', [[7, 1], [8, 1], [7, 2]])).toEqual([
      '(label_id = ? AND host_id IN (?)) OR (label_id = ? AND host_id IN (?))', [7, [1, 2], 8, [1]],
    ]);
  });

  it('is one group for a single pair', () => {
    expect(pairKeyCondition('cve', 'team_id', [['CVE-2024-1', 0]])).toEqual(['(cve = ? AND team_id IN (?))', ['CVE-2024-1', [0]]]);
  });

  it('refuses an empty list (an empty IN list is not SQL)', () => {
    expect(() => pairKeyCondition('a', 'b', [])).toThrow('at least one pair');
  });
});
