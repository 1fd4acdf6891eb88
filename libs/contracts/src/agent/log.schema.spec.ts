import { logRequestSchema } from './log.schema';

describe('logRequestSchema', () => {
  it('accepts result and status envelopes and leaves lines untouched', () => {
    const line = { name: 'pack/Global/q', snapshot: [], unixTime: 1738189037 };
    const parsed = logRequestSchema.parse({ node_key: 'k', log_type: 'result', data: [line, 'garbage'] });
    expect(parsed.data).toEqual([line, 'garbage']);
    expect(logRequestSchema.parse({ log_type: 'status', data: [{ severity: '0' }] }).log_type).toBe('status');
  });

  it('treats null data as an empty batch', () => {
    expect(logRequestSchema.parse({ log_type: 'status', data: null }).data).toEqual([]);
  });

  it('rejects an unknown log type with Fleet’s wording', () => {
    const result = logRequestSchema.safeParse({ log_type: 'audit', data: [] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('unknown log type: audit');
  });

  it('names a non-string log type by its type, however deep it is nested', () => {
    let deep: unknown = [];
    for (let i = 0; i < 20_000; i++) deep = [deep];
    const result = logRequestSchema.safeParse({ log_type: deep, data: [] });
    expect(result.error?.issues[0]?.message).toBe('unknown log type: array');
    expect(logRequestSchema.safeParse({ log_type: 5, data: [] }).error?.issues[0]?.message).toBe('unknown log type: number');
  });

  it('rejects a non-array data field', () => {
    expect(logRequestSchema.safeParse({ log_type: 'result', data: { name: 'x' } }).success).toBe(false);
  });
});
