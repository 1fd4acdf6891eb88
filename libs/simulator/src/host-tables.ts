import type { Row } from './host-platform';
import type { HostProfile } from './host-profile';

/** One osquery virtual table as the SQL evaluator sees it: declared columns (SELECT * order) and a row generator. */
export interface TableDef {
  readonly columns: readonly string[];
  rows(): Row[];
}

export type TableSet = ReadonlyMap<string, TableDef>;

/** Live state of the agent process that some tables expose (uptime, flags, carves). */
export interface HostRuntimeView {
  nowUnix(): number;
  /** Current effective flag values, e.g. distributed_interval → "10". */
  flags(): Record<string, string>;
  carveRows(): Row[];
}

const CARVE_COLUMNS = ['time', 'sha256', 'size', 'path', 'status', 'carve_guid', 'request_id', 'carve'];

function single(row: Row): TableDef {
  return { columns: Object.keys(row), rows: () => [{ ...row }] };
}

function many(columns: readonly string[], rows: () => Row[]): TableDef {
  return { columns, rows };
}

/**
 * The per-host table model: the subset of osquery tables Fleet's vitals, labels and policies read, with only the
 * tables that exist on the host's platform (so `deb_packages` on macOS fails with "no such table", as in osquery).
 */
export function buildHostTables(profile: HostProfile, runtime: HostRuntimeView): TableSet {
  const tables = new Map<string, TableDef>();
  const unix = profile.platform !== 'windows';
  tables.set('os_version', single(profile.osVersion));
  tables.set('osquery_info', single(profile.osqueryInfo));
  tables.set('system_info', single(profile.systemInfo));
  tables.set('platform_info', single(profile.platformInfo));
  tables.set('kernel_info', single(profile.kernelInfo));
  tables.set('uptime', many(['days', 'hours', 'minutes', 'seconds', 'total_seconds'], () => [uptimeRow(runtime.nowUnix() - profile.bootedAt)]));
  tables.set('osquery_flags', many(['name', 'type', 'description', 'default_value', 'value', 'shell_only'], () =>
    Object.entries(runtime.flags()).map(([name, value]) => ({ name, type: /^\d+$/.test(value) ? 'int32' : 'string', description: '', default_value: '', value, shell_only: '0' }))));
  tables.set('interface_addresses', many(['interface', 'address', 'mask', 'broadcast', 'point_to_point', 'type'], () =>
    profile.interfaces.map((i) => ({ interface: i.interface, address: i.address, mask: i.mask, broadcast: '', point_to_point: '', type: i.address.includes(':') ? 'unknown' : unix ? 'unknown' : 'dhcp' }))));
  tables.set('interface_details', many(['interface', 'mac', 'type', 'mtu', 'metric', 'flags', 'link_speed'], () =>
    uniqueBy(profile.interfaces, (i) => i.interface).map((i) => ({ interface: i.interface, mac: i.mac, type: i.address === '127.0.0.1' ? '24' : '6', mtu: i.address === '127.0.0.1' ? '65536' : '1500', metric: '0', flags: '4163', link_speed: '1000' }))));
  tables.set('routes', many(['destination', 'netmask', 'gateway', 'source', 'flags', 'interface', 'mtu', 'metric', 'type'], () => routeRows(profile)));
  tables.set('users', many(['uid', 'gid', 'uid_signed', 'gid_signed', 'username', 'description', 'directory', 'shell', 'uuid', 'type'], () =>
    profile.users.map((u) => ({ uid: u.uid, gid: u.gid, uid_signed: u.uid, gid_signed: u.gid, username: u.username, description: u.description, directory: u.directory, shell: u.shell, uuid: '', type: u.type }))));
  tables.set('groups', many(['gid', 'gid_signed', 'groupname'], () =>
    uniqueBy(profile.users, (u) => u.groupname).map((u) => ({ gid: u.gid, gid_signed: u.gid, groupname: u.groupname }))));
  tables.set('processes', many(['pid', 'name', 'path', 'cmdline', 'state', 'uid', 'parent'], () => processRows(profile)));
  // The profile draws the inventory afresh on each read (new row objects), so the table holds only its columns.
  tables.set(profile.softwareTable, many(profile.softwareColumns, () => profile.software));
  if (unix) {
    tables.set('mounts', many(['device', 'device_alias', 'path', 'type', 'blocks_size', 'blocks', 'blocks_free', 'blocks_available', 'inodes', 'inodes_free', 'flags'], () => {
      const d = profile.disk;
      const blocks = Math.floor(d.totalBytes / d.blockSize);
      const free = Math.floor(d.freeBytes / d.blockSize);
      return [{ device: d.device, device_alias: d.device, path: d.path, type: d.fsType, blocks_size: String(d.blockSize), blocks: String(blocks), blocks_free: String(free), blocks_available: String(free), inodes: '6553600', inodes_free: '5000000', flags: 'rw,relatime' }];
    }));
  } else {
    tables.set('logical_drives', many(['device_id', 'type', 'description', 'free_space', 'size', 'file_system', 'boot_partition'], () =>
      [{ device_id: profile.disk.device, type: 'Local Disk', description: 'Local Fixed Disk', free_space: String(profile.disk.freeBytes), size: String(profile.disk.totalBytes), file_system: profile.disk.fsType, boot_partition: '1' }]));
  }
  if (profile.platform === 'ubuntu') {
    const total = profile.systemInfo['physical_memory'] ?? '0';
    tables.set('memory_info', single({ memory_total: total, memory_free: String(Math.floor(Number(total) / 3)), buffers: '0', cached: '0', swap_cached: '0', active: '0', inactive: '0', swap_total: '0', swap_free: '0' }));
  }
  tables.set('carves', many(CARVE_COLUMNS, () => runtime.carveRows()));
  const registryNames = [...tables.keys(), 'osquery_registry'];
  tables.set('osquery_registry', many(['registry', 'name', 'owner_uuid', 'internal', 'active'], () => [
    ...registryNames.map((name) => ({ registry: 'table', name, owner_uuid: '0', internal: '0', active: '1' })),
    { registry: 'config', name: 'tls', owner_uuid: '0', internal: '0', active: '1' },
    { registry: 'logger', name: 'tls', owner_uuid: '0', internal: '0', active: '1' },
    { registry: 'distributed', name: 'tls', owner_uuid: '0', internal: '0', active: '1' },
  ]));
  return tables;
}

function uptimeRow(totalSeconds: number): Row {
  const t = Math.max(0, Math.floor(totalSeconds));
  return {
    days: String(Math.floor(t / 86_400)), hours: String(Math.floor((t % 86_400) / 3600)), minutes: String(Math.floor((t % 3600) / 60)),
    seconds: String(t % 60), total_seconds: String(t),
  };
}

function routeRows(profile: HostProfile): Row[] {
  const primary = profile.interfaces.find((i) => i.primary);
  if (!primary) return [];
  const gateway = primary.address.replace(/\.\d+$/, '.1');
  return [
    { destination: '0.0.0.0', netmask: '0', gateway, source: primary.address, flags: '3', interface: primary.interface, mtu: '1500', metric: '100', type: 'gateway' },
    { destination: primary.address.replace(/\.\d+\.\d+$/, '.0.0'), netmask: '16', gateway: '0.0.0.0', source: primary.address, flags: '1', interface: primary.interface, mtu: '1500', metric: '100', type: 'local' },
  ];
}

function processRows(profile: HostProfile): Row[] {
  const names = profile.platform === 'windows' ? ['System', 'svchost.exe', 'explorer.exe', 'osqueryd.exe']
    : profile.platform === 'macos' ? ['launchd', 'WindowServer', 'Finder', 'osqueryd'] : ['systemd', 'sshd', 'cron', 'osqueryd'];
  const osqPid = profile.osqueryInfo['pid'] ?? '1000';
  return names.map((name, i) => ({
    pid: name.startsWith('osqueryd') ? osqPid : String(i + 1), name, path: '', cmdline: name, state: 'S', uid: '0', parent: i === 0 ? '0' : '1',
  }));
}

function uniqueBy<T>(items: readonly T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((i) => (seen.has(key(i)) ? false : (seen.add(key(i)), true)));
}
