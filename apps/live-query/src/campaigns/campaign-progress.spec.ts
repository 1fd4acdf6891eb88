import type { CampaignStreamEntry } from '@fleet/messaging';
import { addEntries, endReason, expectedAnswers } from './campaign-progress';

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

  const fleets = (online: number) => ({ online, count: 5, waitUntilMs: null, createdAtMs: 0 });
  it('ends when every online target answered, with no online target at once, or at the deadline', () => {
    expect(endReason(fleets(2), { ...zero, responded: 2 }, 1, 10)).toBe('completed');
    expect(endReason(fleets(0), zero, 1, 10)).toBe('completed');
    expect(endReason(fleets(2), { ...zero, responded: 1 }, 9, 10)).toBeNull();
    expect(endReason(fleets(2), { ...zero, responded: 1 }, 10, 10)).toBe('timed_out');
  });

  it('keeps a waiting campaign open for every target, offline ones too, until its own deadline', () => {
    const waiting = { online: 2, count: 5, waitUntilMs: 86_400_000, createdAtMs: 0 };
    expect(expectedAnswers(waiting)).toBe(5);
    expect(endReason(waiting, { ...zero, responded: 2 }, 3_600_000, 10)).toBeNull();
    expect(endReason(waiting, { ...zero, responded: 4 }, 86_399_999, 10)).toBeNull();
    expect(endReason(waiting, { ...zero, responded: 5 }, 7_200_000, 10)).toBe('completed');
    expect(endReason(waiting, { ...zero, responded: 4 }, 86_400_000, 10)).toBe('timed_out');
  });
});
