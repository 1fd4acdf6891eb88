import { networkInterfaceUnixQuery, networkInterfaceWindowsQuery } from './network-interface.detail-query';

describe('network_interface_unix / _windows', () => {
  it('ingests the simulator-style single row', () => {
    const result = networkInterfaceUnixQuery.ingest([{ address: '192.168.1.23', mac: 'a4:83:e7:11:22:33' }]);
    expect(result).toEqual({
      kind: 'vitals',
      patch: { primary_ip: '192.168.1.23', primary_mac: 'a4:83:e7:11:22:33' },
      problems: [],
    });
  });

  it('chooses among several default-route rows using the metric column', () => {
    const result = networkInterfaceWindowsQuery.ingest([
      { address: '10.0.0.9', mac: '00:15:5d:00:00:01', metric: '35' },
      { address: '10.8.0.2', mac: '00:15:5d:00:00:02', metric: '5' },
      { address: '', mac: '00:15:5d:00:00:03', metric: '1' },
    ]);
    expect(result.kind === 'vitals' && result.patch).toEqual({ primary_ip: '10.8.0.2', primary_mac: '00:15:5d:00:00:02' });
    expect(result.problems).toEqual([{ query: 'network_interface_windows', reason: 'row has no address', row: 2 }]);
  });

  it('changes nothing when no row is usable', () => {
    const result = networkInterfaceUnixQuery.ingest([{ address: '127.0.0.1', mac: '00:00:00:00:00:00' }]);
    expect(result.kind === 'vitals' && result.patch).toEqual({});
    expect(result.problems).toHaveLength(1);
  });
});
