import { buildQueryName, campaignQueryName, detailQueryName, NO_POLICIES_WILDCARD, parseQueryName } from './query-name';

describe('query names', () => {
  it('builds Fleet names', () => {
    expect(detailQueryName('osquery_info')).toBe('fleet_detail_query_osquery_info');
    expect(buildQueryName('label', 6)).toBe('fleet_label_query_6');
    expect(buildQueryName('policy', 3)).toBe('fleet_policy_query_3');
    expect(campaignQueryName(42)).toBe('fleet_distributed_query_42');
  });

  it('round-trips every kind', () => {
    expect(parseQueryName('fleet_detail_query_network_interface_unix')).toEqual({ kind: 'detail', key: 'network_interface_unix' });
    expect(parseQueryName('fleet_additional_query_my_key')).toEqual({ kind: 'additional', key: 'my_key' });
    expect(parseQueryName('fleet_label_query_6')).toEqual({ kind: 'label', key: '6', id: 6 });
    expect(parseQueryName('fleet_policy_query_17')).toEqual({ kind: 'policy', key: '17', id: 17 });
    expect(parseQueryName('fleet_distributed_query_42')).toEqual({ kind: 'distributed', key: '42', id: 42 });
    expect(parseQueryName(NO_POLICIES_WILDCARD)).toEqual({ kind: 'no_policies_wildcard', key: '' });
  });

  it('returns unknown for foreign names, empty suffixes and non-numeric ids', () => {
    expect(parseQueryName('SELECT 1').kind).toBe('unknown');
    expect(parseQueryName('fleet_detail_query_').kind).toBe('unknown');
    expect(parseQueryName('fleet_label_query_abc')).toEqual({ kind: 'unknown', key: 'fleet_label_query_abc' });
    expect(parseQueryName('fleet_distributed_query_-1').kind).toBe('unknown');
  });
});
