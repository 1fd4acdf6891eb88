import { distributedReadResponseSchema, distributedWriteRequestSchema } from './distributed.schema';

const protocolExample = {
  node_key: 'y7LJ0bXXwMFrJX2kHVpz2jvjNIexMhJr',
  queries: {
    fleet_detail_query_osquery_info: [
      { build_distro: '10.12', build_platform: 'darwin', config_valid: '1', pid: '541', version: '5.12.1' },
    ],
    fleet_label_query_6: [],
    fleet_distributed_query_42: [{ pid: '1', name: 'launchd' }],
  },
  statuses: { fleet_detail_query_osquery_info: 0, fleet_label_query_6: 0, fleet_distributed_query_42: 1 },
  messages: { fleet_detail_query_osquery_info: '', fleet_label_query_6: '', fleet_distributed_query_42: 'no such table: processes2' },
  stats: {
    fleet_detail_query_osquery_info: { wall_time_ms: 2, user_time: 1, system_time: 0, memory: 0 },
    fleet_label_query_6: {},
  },
};

describe('distributedWriteRequestSchema', () => {
  it('accepts the protocol example unchanged', () => {
    const parsed = distributedWriteRequestSchema.parse(protocolExample);
    expect(parsed.queries['fleet_distributed_query_42']).toEqual([{ pid: '1', name: 'launchd' }]);
    expect(parsed.statuses['fleet_distributed_query_42']).toBe(1);
    expect(parsed.messages['fleet_distributed_query_42']).toBe('no such table: processes2');
    expect(parsed.stats['fleet_label_query_6']).toEqual({});
  });

  it('coerces numeric row values and numeric-string statuses', () => {
    const parsed = distributedWriteRequestSchema.parse({
      queries: { q: [{ pid: 541, running: true, note: null }] },
      statuses: { q: '0' },
    });
    expect(parsed.queries['q']).toEqual([{ pid: '541', running: 'true', note: '' }]);
    expect(parsed.statuses['q']).toBe(0);
    expect(parsed.node_key).toBeUndefined();
    expect(parsed.messages).toEqual({});
  });

  it('reads "" (ancient osquery) or any non-array as no rows', () => {
    const parsed = distributedWriteRequestSchema.parse({ queries: { a: '', b: null }, statuses: { a: 0, b: 0 } });
    expect(parsed.queries).toEqual({ a: [], b: [] });
  });

  it('rejects non-numeric statuses like Fleet', () => {
    const result = distributedWriteRequestSchema.safeParse({ queries: {}, statuses: { q: 'failed' } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['statuses', 'q']);
    expect(distributedWriteRequestSchema.safeParse({ statuses: { q: 1.5 } }).success).toBe(false);
  });
});

describe('distributedReadResponseSchema', () => {
  it('accepts Fleet’s read response and rejects empty SQL or a string accelerate', () => {
    const ok = {
      queries: { fleet_detail_query_osquery_info: 'select * from osquery_info limit 1' },
      discovery: { fleet_detail_query_osquery_info: 'SELECT 1' },
      accelerate: 10,
    };
    expect(distributedReadResponseSchema.safeParse(ok).success).toBe(true);
    expect(distributedReadResponseSchema.safeParse({ queries: { q: '' } }).success).toBe(false);
    expect(distributedReadResponseSchema.safeParse({ ...ok, accelerate: '10' }).success).toBe(false);
  });
});
