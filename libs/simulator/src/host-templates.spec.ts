import { answerDetailQuery } from './detail-answers';
import { buildHostTables } from './host-tables';
import { createHostProfile } from './host-templates';
import { SIM_PLATFORMS } from './host-platform';

describe('host templates', () => {
  it('produces the same host for the same seed and index', () => {
    for (const platform of SIM_PLATFORMS) {
      expect(createHostProfile({ index: 12, platform, seed: 9 })).toEqual(createHostProfile({ index: 12, platform, seed: 9 }));
    }
  });

  it('reads the same software inventory every time without keeping it (fresh rows each read, the table too)', () => {
    for (const platform of SIM_PLATFORMS) {
      const host = createHostProfile({ index: 40, platform, seed: 3 });
      const first = host.software;
      expect(first.length).toBeGreaterThan(20);
      expect(host.software).toEqual(first);
      expect(host.software).not.toBe(first);
      expect(host.software[0]).not.toBe(first[0]);
      const table = buildHostTables(host, { nowUnix: () => 0, flags: () => ({}), carveRows: () => [] }).get(host.softwareTable);
      expect(table?.rows()).toEqual(first);
    }
  });

  it('declares the software table\'s columns, which every row has exactly (SELECT * without building an inventory)', () => {
    for (const platform of SIM_PLATFORMS) {
      const host = createHostProfile({ index: 7, platform, seed: 5 });
      const table = buildHostTables(host, { nowUnix: () => 0, flags: () => ({}), carveRows: () => [] }).get(host.softwareTable);
      expect(table?.columns).toEqual(host.softwareColumns);
      for (const row of host.software) expect(Object.keys(row)).toEqual(host.softwareColumns);
    }
  });

  it('gives distinct identities to distinct indexes', () => {
    const hosts = Array.from({ length: 300 }, (_, i) => createHostProfile({ index: i, platform: SIM_PLATFORMS[i % 3], seed: 1 }));
    for (const key of ['hostname', 'hardwareUuid', 'instanceId', 'hardwareSerial'] as const) {
      expect(new Set(hosts.map((h) => h[key])).size).toBe(hosts.length);
    }
    expect(new Set(hosts.map((h) => h.interfaces.find((i) => i.primary)!.address)).size).toBe(hosts.length);
    expect(new Set(hosts.map((h) => h.interfaces.find((i) => i.primary)!.mac)).size).toBe(hosts.length);
  });

  it('keeps facts consistent across tables', () => {
    for (const platform of SIM_PLATFORMS) {
      const p = createHostProfile({ index: 5, platform, seed: 3 });
      expect(p.systemInfo['uuid']).toBe(p.hardwareUuid);
      expect(p.osqueryInfo['uuid']).toBe(p.hardwareUuid);
      expect(p.osqueryInfo['instance_id']).toBe(p.instanceId);
      expect(p.systemInfo['hardware_serial']).toBe(p.hardwareSerial);
      expect(p.osqueryInfo['version']).toMatch(/^5\./);
      expect(Number(p.systemInfo['physical_memory'])).toBeGreaterThan(0);
      expect(p.software.length).toBeGreaterThanOrEqual(25);
      for (const row of [p.osVersion, p.osqueryInfo, p.systemInfo, p.platformInfo, ...p.software]) {
        for (const v of Object.values(row)) expect(typeof v).toBe('string');
      }
    }
  });

  it('answers detail queries by name with the columns Fleet ingests', () => {
    const p = createHostProfile({ index: 2, platform: 'ubuntu', seed: 1 });
    const tables = buildHostTables(p, { nowUnix: () => p.bootedAt + 90_061, flags: () => ({}), carveRows: () => [] });
    expect(answerDetailQuery('uptime', p, tables)[0]).toMatchObject({ total_seconds: '90061', days: '1' });
    const net = answerDetailQuery('network_interface_unix', p, tables)[0];
    expect(net['address']).toBe(p.interfaces.find((i) => i.primary)!.address);
    expect(net['mac']).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    const disk = answerDetailQuery('disk_space_unix', p, tables)[0];
    expect(Number(disk['gigs_total_disk_space'])).toBeGreaterThan(Number(disk['gigs_disk_space_available']));
    const sw = answerDetailQuery('software_linux', p, tables);
    expect(sw[0]).toMatchObject({ source: 'deb_packages' });
    expect(answerDetailQuery('users', p, tables).map((u) => Object.keys(u))[0]).toEqual(['uid', 'username', 'type', 'groupname', 'shell']);
    expect(answerDetailQuery('something_new', p, tables)).toEqual([]);
  });
});
