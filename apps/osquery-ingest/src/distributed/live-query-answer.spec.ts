import { parseCampaignEvent } from '@fleet/messaging';
import { answerEvent } from './live-query-answer';
import type { LiveQueryAnswer } from './live-query-answer';

const answer: LiveQueryAnswer = { campaignId: 3, hostId: 7, hostname: 'db-7', rows: [{ pid: '1', name: 'init' }], error: null, stats: { wall_time_ms: 2 } };

describe('answerEvent', () => {
  it('is the campaign stream\'s result event, readable by its consumers', () => {
    const { encoded, tooLarge } = answerEvent(answer, 1000, 1024 * 1024);
    expect(tooLarge).toBe(false);
    expect(parseCampaignEvent(encoded)).toEqual({ type: 'result', host_id: 7, hostname: 'db-7', rows: [{ pid: '1', name: 'init' }], error: null, stats: { wall_time_ms: 2 }, at: 1000 });
  });

  it('keeps an answer exactly at the limit and replaces one byte more by the host\'s error without rows', () => {
    const size = Buffer.byteLength(answerEvent(answer, 1000, Infinity).encoded);
    expect(answerEvent(answer, 1000, size).tooLarge).toBe(false);
    const over = answerEvent(answer, 1000, size - 1);
    expect(over.tooLarge).toBe(true);
    expect(parseCampaignEvent(over.encoded)).toEqual({
      type: 'result', host_id: 7, hostname: 'db-7', rows: [], stats: { wall_time_ms: 2 }, at: 1000,
      error: `results exceed the limit of ${size - 1} bytes per host (osquery.max_live_query_answer_size)`,
    });
  });

  it('keeps a failed answer\'s error', () => {
    expect(parseCampaignEvent(answerEvent({ ...answer, rows: [], error: 'no such table: x' }, 5, 1000).encoded)).toMatchObject({ rows: [], error: 'no such table: x' });
  });
});
