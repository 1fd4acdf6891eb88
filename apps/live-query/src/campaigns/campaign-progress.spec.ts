import type { CampaignStreamEntry } from '@fleet/messaging';
import { addEntries, endReason } from './campaign-progress';

const result = (id: string, hostId: number, rows: number, error: string | null, at: number): CampaignStreamEntry => ({
  id, event: { type: 'result', host_id: hostId, hostname: `h${hostId}`, rows: Array.from({ length: rows }, () => ({ a: '1' })), error, stats: {}, at },
});
const zero = { responded: 0, failed: 0, rows: 0, firstAtMs: null, lastAtMs: null };

describe('campaign progress', () => {
  it('counts answers, failures, rows and the first and last answer times; ignores other entries', () => {
    const p = addEntries(zero, [
      { id: '1-0', event: { type: 'totals', count: 3, online: 2, offline: 1, missing_in_action: 0 } },
      result('2-0', 1, 2, null, 1000), result('3-0', 2, 0, 'no such table', 900),
    ]);
    expect(p).toEqual({ responded: 2, failed: 1, rows: 2, firstAtMs: 1000, lastAtMs: 1000 });
    expect(addEntries(p, [result('4-0', 3, 1, null, 1500)])).toMatchObject({ responded: 3, rows: 3, firstAtMs: 1000, lastAtMs: 1500 });
  });

  it('ends when every online target answered, with no online target at once, or at the deadline', () => {
    expect(endReason(2, { ...zero, responded: 2 }, 0, 1, 10)).toBe('completed');
    expect(endReason(0, zero, 0, 1, 10)).toBe('completed');
    expect(endReason(2, { ...zero, responded: 1 }, 0, 9, 10)).toBeNull();
    expect(endReason(2, { ...zero, responded: 1 }, 0, 10, 10)).toBe('timed_out');
  });
});
