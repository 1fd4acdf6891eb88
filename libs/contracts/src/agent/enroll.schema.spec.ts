import { enrollRequestSchema, enrollResponseSchema } from './enroll.schema';

describe('enrollRequestSchema', () => {
  const real = {
    enroll_secret: 'secret123',
    host_identifier: 'F5B29579-0000-4000-8000-000000000001',
    platform_type: '21',
    host_details: {
      os_version: { name: 'macOS', version: '14.4.1', major: '14', minor: '4', patch: '1', platform: 'darwin' },
      osquery_info: { pid: '541', uuid: 'F5B2', instance_id: 'inst', version: '5.23.1' },
      platform_info: { vendor: 'Apple Inc.' },
      system_info: { hostname: 'foobar.local', physical_memory: '17179869184' },
    },
  };

  it('accepts osquery’s enroll body', () => {
    const parsed = enrollRequestSchema.parse(real);
    expect(parsed.host_details.system_info?.['hostname']).toBe('foobar.local');
    expect(parsed.platform_type).toBe('21');
  });

  it('coerces numeric detail values and platform_type to strings', () => {
    const parsed = enrollRequestSchema.parse({ ...real, platform_type: 9, host_details: { system_info: { physical_memory: 1024 } } });
    expect(parsed.platform_type).toBe('9');
    expect(parsed.host_details.system_info).toEqual({ physical_memory: '1024' });
  });

  it('defaults missing host details and identifier', () => {
    expect(enrollRequestSchema.parse({ enroll_secret: '' })).toEqual({ enroll_secret: '', host_identifier: '', host_details: {} });
  });

  it('rejects a missing or non-string secret', () => {
    expect(enrollRequestSchema.safeParse({ host_identifier: 'x' }).success).toBe(false);
    expect(enrollRequestSchema.safeParse({ enroll_secret: 5 }).success).toBe(false);
  });
});

describe('enrollResponseSchema', () => {
  it('requires a non-empty node key', () => {
    expect(enrollResponseSchema.safeParse({ node_key: 'ZGVhZGJlZWY=' }).success).toBe(true);
    expect(enrollResponseSchema.safeParse({ node_key: '' }).success).toBe(false);
  });
});
