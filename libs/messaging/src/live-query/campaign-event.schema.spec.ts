import fc from 'fast-check';
import { campaignEventSchema, encodeCampaignEvent, parseCampaignEvent } from './campaign-event.schema';
import type { ResultEvent } from './campaign-event.schema';

/** What the schema alone makes of a stream entry: the answer parseCampaignEvent must give. */
function bySchema(raw: string): unknown {
  try {
    const r = campaignEventSchema.safeParse(JSON.parse(raw));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

const odd = fc.jsonValue({ maxDepth: 1 });
const field = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ weight: 8, arbitrary: arb }, { weight: 1, arbitrary: odd });
const row = fc.oneof({ weight: 8, arbitrary: fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 4 }) }, { weight: 1, arbitrary: odd });
const resultLike = fc.record({
  type: fc.oneof({ weight: 8, arbitrary: fc.constant('result') }, { weight: 1, arbitrary: fc.constantFrom('status', 'totals', 'x') }),
  host_id: field(fc.integer()), hostname: field(fc.string()), rows: field(fc.array(row, { maxLength: 4 })),
  error: field(fc.option(fc.string(), { nil: null })), stats: field(fc.option(fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 1 })), { nil: null })),
  at: field(fc.double({ noNaN: true, noDefaultInfinity: true })), extra: odd,
}, { requiredKeys: ['type'] });

describe('parseCampaignEvent', () => {
  it('answers every entry as the event schema does', () => {
    fc.assert(fc.property(fc.oneof({ weight: 9, arbitrary: resultLike }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) }), (value) => {
      const raw = JSON.stringify(value);
      expect(parseCampaignEvent(raw)).toEqual(bySchema(raw));
    }), { numRuns: 5000 });
    expect(parseCampaignEvent('{not json')).toBeNull();
    expect(parseCampaignEvent(undefined)).toBeNull();
  });

  it('reads what the ingest role writes back whole', () => {
    const event: ResultEvent = { type: 'result', host_id: 7, hostname: 'h7', rows: [{ pid: '1', name: 'launchd' }], error: null, stats: { wall_time_ms: 2 }, at: 1_700_000_000_000 };
    expect(parseCampaignEvent(encodeCampaignEvent(event))).toEqual(event);
  });
});
