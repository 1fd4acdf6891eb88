import fc from 'fast-check';
import { enrollRequestSchema, enrollResponseSchema, readEnrollRequest } from './enroll.schema';

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

describe('readEnrollRequest', () => {
  const cell = fc.oneof({ weight: 6, arbitrary: fc.string() }, { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null)) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });
  const row = fc.oneof({ weight: 8, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), cell, { maxKeys: 5 }) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) });
  const table = fc.constantFrom('os_version', 'osquery_info', 'system_info', 'platform_info', 'interface_details');
  const details = fc.oneof({ weight: 8, arbitrary: fc.dictionary(table, row, { maxKeys: 5 }) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) });
  const field = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 6, arbitrary: arb }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) });
  const body = fc.record({
    enroll_secret: field(fc.string()), host_identifier: field(fc.string()), platform_type: field(fc.oneof(fc.string(), fc.integer(), fc.double())),
    host_details: details, other: fc.jsonValue({ maxDepth: 1 }),
  }, { requiredKeys: [] });
  const answer = (r: ReturnType<typeof enrollRequestSchema.safeParse>) =>
    (r.success ? { success: true, data: r.data } : { success: false, issues: r.error.issues.map((i) => ({ path: i.path, message: i.message })) });

  it('answers every body exactly as enrollRequestSchema does', () => {
    fc.assert(fc.property(fc.oneof({ weight: 9, arbitrary: body }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) }), (value) => {
      expect(answer(readEnrollRequest(value))).toEqual(answer(enrollRequestSchema.safeParse(value)));
    }), { numRuns: 5000 });
  });

  it('keeps host detail rows of strings as they came', () => {
    const osqueryInfo = { uuid: 'A1', version: '5.12.1' };
    const read = readEnrollRequest({ enroll_secret: 's', host_details: { osquery_info: osqueryInfo, system_info: { cpu_brand: 'x', physical_memory: 1024 } } });
    expect(read.success && read.data.host_details.osquery_info).toBe(osqueryInfo);
    expect(read.success && read.data.host_details.system_info).toEqual({ cpu_brand: 'x', physical_memory: '1024' });
  });
});
