import type { AgentRow, DetailIngestResult } from '../host/host-vitals.types';
import { DETAIL_QUERIES, detailQueriesFor, detailQueryByName, ingestEnrollHostDetails } from './detail-queries.catalogue';

const names = (platform: string | null, options = {}): string[] => detailQueriesFor(platform, options).map((q) => q.name);

describe('detailQueriesFor', () => {
  it('sends Linux distros the unix, Linux-software and common queries', () => {
    for (const platform of ['ubuntu', 'rhel', 'amzn', 'linux']) {
      expect(names(platform)).toEqual([
        'os_version', 'osquery_info', 'system_info', 'uptime', 'osquery_flags',
        'network_interface_unix', 'disk_space_unix', 'users', 'software_linux',
      ]);
    }
  });

  it('sends macOS the unix queries and macOS software', () => {
    expect(names('darwin')).toEqual([
      'os_version', 'osquery_info', 'system_info', 'uptime', 'osquery_flags',
      'network_interface_unix', 'disk_space_unix', 'users', 'software_macos',
    ]);
  });

  it('sends Windows its own variants', () => {
    expect(names('windows')).toEqual([
      'os_version', 'os_version_windows', 'osquery_info', 'system_info', 'uptime', 'osquery_flags',
      'network_interface_windows', 'disk_space_windows', 'users', 'software_windows',
    ]);
  });

  it('sends only platform-independent queries while the platform is unknown', () => {
    expect(names('')).toEqual(['os_version', 'osquery_info', 'system_info']);
    expect(names(null)).toEqual(['os_version', 'osquery_info', 'system_info']);
    expect(names('plan9')).toEqual(['os_version', 'osquery_info', 'system_info']);
  });

  it('honours the software inventory and host users switches', () => {
    const linux = names('ubuntu', { softwareInventory: false, hostUsers: false });
    expect(linux).not.toContain('software_linux');
    expect(linux).not.toContain('users');
    expect(linux).toContain('disk_space_unix');
  });

  it('gives every query non-empty SQL and a unique name', () => {
    const all = DETAIL_QUERIES.map((q) => q.name);
    expect(new Set(all).size).toBe(all.length);
    for (const q of DETAIL_QUERIES) expect(q.sql.trim().length).toBeGreaterThan(10);
    expect(detailQueryByName('software_macos')?.name).toBe('software_macos');
    expect(detailQueryByName('mdm')).toBeUndefined();
  });
});

describe('ingest on junk rows', () => {
  const junk: AgentRow[][] = [
    [],
    [{}],
    [{ garbage: 'x' }, { more: 'y' }],
    [{ name: '', version: '', uid: 'abc', address: 'not-an-ip', total_seconds: '-5', physical_memory: 'lots' }],
    [null as unknown as AgentRow],
  ];

  function assertSane(result: DetailIngestResult): void {
    switch (result.kind) {
      case 'vitals':
        for (const value of Object.values(result.patch)) {
          expect(value).not.toBeUndefined();
          if (typeof value === 'number') expect(Number.isFinite(value) && value >= 0).toBe(true);
          if (typeof value === 'string') expect(value.length).toBeGreaterThan(0);
        }
        break;
      case 'software':
        for (const item of result.software) expect(item.name.length).toBeGreaterThan(0);
        break;
      case 'users':
        for (const user of result.users) expect(Number.isInteger(user.uid)).toBe(true);
        break;
    }
  }

  it.each(DETAIL_QUERIES.map((q) => [q.name, q] as const))('%s never throws and never yields garbage', (_name, query) => {
    for (const rows of junk) {
      const result = query.ingest(rows.filter((r) => r !== null));
      assertSane(result);
    }
    const junkResult = query.ingest([{ garbage: 'x' }]);
    const produced =
      junkResult.kind === 'vitals' ? Object.keys(junkResult.patch).length
      : junkResult.kind === 'software' ? junkResult.software.length
      : junkResult.users.length;
    expect(produced).toBe(0);
    // osquery_flags legitimately ignores unrelated flag rows; every other query reports what it could not use.
    if (query.name !== 'osquery_flags') expect(junkResult.problems.length).toBeGreaterThan(0);
  });
});

describe('ingestEnrollHostDetails', () => {
  it('combines os_version, osquery_info and system_info from enrollment', () => {
    const patch = ingestEnrollHostDetails({
      os_version: { name: 'macOS', version: '14.4.1', major: '14', minor: '4', patch: '1', platform: 'darwin', build: '23E224' },
      osquery_info: { version: '5.12.1', uuid: 'F5B29579' },
      system_info: { hostname: 'foobar.local', uuid: 'F5B29579', physical_memory: '17179869184', hardware_serial: 'C02ABC' },
    });
    expect(patch).toMatchObject({
      platform: 'darwin', os_version: 'macOS 14.4.1', build: '23E224', osquery_version: '5.12.1',
      hostname: 'foobar.local', memory: 17179869184, hardware_serial: 'C02ABC',
    });
  });

  it('returns an empty patch when no details were sent', () => {
    expect(ingestEnrollHostDetails({})).toEqual({});
  });
});
