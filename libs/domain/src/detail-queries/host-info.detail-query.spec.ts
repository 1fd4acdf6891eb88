import { osqueryFlagsQuery, osqueryInfoQuery, systemInfoQuery, uptimeQuery } from './host-info.detail-query';

const patchOf = (r: ReturnType<typeof systemInfoQuery.ingest>): unknown => (r.kind === 'vitals' ? r.patch : null);

describe('osquery_info', () => {
  it('takes the osquery version from the protocol example row', () => {
    const result = osqueryInfoQuery.ingest([
      {
        build_distro: '10.12', build_platform: 'darwin', config_hash: '', config_valid: '1', extensions: 'active',
        instance_id: 'b5f1', pid: '541', platform_mask: '21', start_time: '1700000000', uuid: 'F5B2', version: '5.12.1',
        watcher: '539',
      },
    ]);
    expect(patchOf(result)).toEqual({ osquery_version: '5.12.1' });
    expect(result.problems).toEqual([]);
  });
});

describe('system_info', () => {
  const row = {
    hostname: 'foobar.local', uuid: 'F5B29579-0000-4000-8000-000000000001', cpu_type: 'arm64e', cpu_subtype: 'ARM64E',
    cpu_brand: 'Apple M1 Pro', cpu_physical_cores: '10', cpu_logical_cores: '10', cpu_sockets: '', physical_memory: '34359738368',
    hardware_vendor: 'Apple Inc.', hardware_model: 'MacBookPro18,3', hardware_version: '', hardware_serial: 'C02XK0ABCDEF',
    computer_name: 'Foo’s MacBook Pro', local_hostname: 'foobar',
  };

  it('maps hardware and CPU columns with numeric memory and cores', () => {
    expect(patchOf(systemInfoQuery.ingest([row]))).toEqual({
      hostname: 'foobar.local', uuid: row.uuid, computer_name: 'Foo’s MacBook Pro', hardware_serial: 'C02XK0ABCDEF',
      hardware_vendor: 'Apple Inc.', hardware_model: 'MacBookPro18,3', memory: 34359738368, cpu_type: 'arm64e',
      cpu_subtype: 'ARM64E', cpu_brand: 'Apple M1 Pro', cpu_physical_cores: 10, cpu_logical_cores: 10,
    });
  });

  it.each(['Default string', 'To Be Filled By O.E.M. Serial', '-1', 'System Serial Number'])(
    'drops placeholder serial %p',
    (serial) => {
      const patch = patchOf(systemInfoQuery.ingest([{ ...row, hardware_serial: serial }])) as Record<string, unknown>;
      expect(patch['hardware_serial']).toBeUndefined();
      expect(patch['hostname']).toBe('foobar.local');
    },
  );

  it('records a problem instead of storing non-numeric memory', () => {
    const result = systemInfoQuery.ingest([{ ...row, physical_memory: '32 GB', cpu_logical_cores: 'x' }]);
    const patch = patchOf(result) as Record<string, unknown>;
    expect(patch['memory']).toBeUndefined();
    expect(patch['cpu_logical_cores']).toBeUndefined();
    expect(result.problems).toEqual([{ query: 'system_info', reason: 'physical_memory is not a non-negative integer', row: 0 }]);
  });
});

describe('uptime', () => {
  it('reads total_seconds', () => {
    const result = uptimeQuery.ingest([{ days: '1', hours: '2', minutes: '3', seconds: '4', total_seconds: '93784' }]);
    expect(patchOf(result)).toEqual({ uptime_seconds: 93784 });
  });

  it('rejects negative and fractional values', () => {
    expect(patchOf(uptimeQuery.ingest([{ total_seconds: '-1' }]))).toEqual({});
    expect(patchOf(uptimeQuery.ingest([{ total_seconds: '12.5' }]))).toEqual({});
  });
});

describe('osquery_flags', () => {
  it('reads intervals and prefers config_refresh over config_tls_refresh', () => {
    const result = osqueryFlagsQuery.ingest([
      { name: 'distributed_plugin', value: 'tls' },
      { name: 'distributed_interval', value: '10' },
      { name: 'config_tls_refresh', value: '0' },
      { name: 'config_refresh', value: '30' },
      { name: 'logger_tls_period', value: '10' },
    ]);
    expect(patchOf(result)).toEqual({ distributed_interval: 10, config_tls_refresh: 30, logger_tls_period: 10 });
  });

  it('uses config_tls_refresh when config_refresh is absent and skips bad values', () => {
    const result = osqueryFlagsQuery.ingest([
      { name: 'config_tls_refresh', value: '60' },
      { name: 'distributed_interval', value: 'ten' },
    ]);
    expect(patchOf(result)).toEqual({ config_tls_refresh: 60 });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.row).toBe(1);
  });
});
