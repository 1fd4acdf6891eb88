import { type Row, type SimPlatform } from './host-platform';
import type { DiskFact, HostProfile, NetworkInterfaceFact, UserFact } from './host-profile';
import { SeededRandom } from './seeded-random';
import { macosTemplate } from './host-template-macos';
import type { PlatformTemplate } from './host-template.types';
import { ubuntuTemplate } from './host-template-ubuntu';
import { windowsTemplate } from './host-template-windows';

/** osquery version every simulated agent reports (osquery_info.version and the User-Agent header). */
export const SIMULATED_OSQUERY_VERSION = '5.12.1';

export interface HostTemplateInput {
  readonly index: number;
  readonly platform: SimPlatform;
  readonly seed: number;
  /** Unix seconds used to place the boot time; defaults to a fixed epoch so profiles stay reproducible. */
  readonly nowUnix?: number;
}

const FIRST_NAMES = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'mallory', 'oscar', 'peggy', 'trent', 'victor', 'wendy'];

/** The per-platform parts of a profile. The platform files depend on host-template.types.ts, never on this file. */
const TEMPLATES: Readonly<Record<SimPlatform, PlatformTemplate>> = {
  ubuntu: ubuntuTemplate,
  macos: macosTemplate,
  windows: windowsTemplate,
};

/**
 * Builds the deterministic profile of host `index`: same (seed, index, platform) → identical facts;
 * distinct indexes → distinct hostname, UUIDs, serial, IP and MAC.
 */
export function createHostProfile(input: HostTemplateInput): HostProfile {
  const { index, platform, seed } = input;
  const rng = SeededRandom.derive(seed, 'host', platform, index);
  const hardwareUuid = rng.uuid().toUpperCase();
  const instanceId = rng.uuid();
  const hardwareSerial = serialFor(platform, rng);
  const owner = rng.pick(FIRST_NAMES);
  const suffix = String(index).padStart(5, '0');
  const hostname = hostnameFor(platform, owner, suffix);
  const memoryGiB = rng.pick([8, 16, 16, 32, 32, 64]);
  const logicalCores = rng.pick([4, 8, 8, 10, 12, 16]);
  const template = TEMPLATES[platform];
  const hw = template.systemHardware(rng, logicalCores);
  const osVersion = template.osVersion(rng);
  const nowUnix = input.nowUnix ?? 1_735_689_600;
  const bootedAt = nowUnix - rng.int(600, 30 * 86_400);

  const systemInfo: Row = {
    hostname,
    uuid: hardwareUuid,
    cpu_type: hw.cpuType,
    cpu_subtype: hw.cpuSubtype,
    cpu_brand: hw.cpuBrand,
    cpu_physical_cores: String(hw.physicalCores),
    cpu_logical_cores: String(logicalCores),
    cpu_sockets: '1',
    cpu_microcode: platform === 'macos' ? '' : `0x${rng.hex(4)}`,
    physical_memory: String(memoryGiB * 1024 ** 3),
    hardware_vendor: hw.hardwareVendor,
    hardware_model: hw.hardwareModel,
    hardware_version: hw.hardwareVersion,
    hardware_serial: hardwareSerial,
    board_vendor: hw.boardVendor,
    board_model: hw.boardModel,
    board_version: '',
    board_serial: platform === 'macos' ? hardwareSerial : rng.hex(12).toUpperCase(),
    computer_name: platform === 'windows' ? hostname.toUpperCase() : hostname.split('.')[0] ?? hostname,
    local_hostname: hostname.split('.')[0] ?? hostname,
    emulated_cpu_type: '',
  };

  const osqueryInfo: Row = {
    pid: String(rng.int(300, 60_000)),
    uuid: hardwareUuid,
    instance_id: instanceId,
    version: SIMULATED_OSQUERY_VERSION,
    config_hash: rng.hex(40),
    config_valid: '1',
    extensions: 'active',
    build_platform: osqueryBuildPlatform(platform),
    build_distro: platform === 'ubuntu' ? 'centos7' : platform === 'macos' ? '10.14' : '10',
    start_time: String(bootedAt + rng.int(20, 120)),
    watcher: String(rng.int(100, 400)),
    platform_mask: platform === 'ubuntu' ? '9' : platform === 'macos' ? '21' : '2',
  };

  const facts = {
    index,
    platform,
    hostname,
    hardwareUuid,
    instanceId,
    hardwareSerial,
    bootedAt,
    osVersion,
    osqueryInfo,
    systemInfo,
    platformInfo: template.platformInfo(rng),
    kernelInfo: kernelInfoFor(platform, osVersion),
    interfaces: interfacesFor(platform, index, rng),
    disk: diskFor(platform, rng),
    users: usersFor(platform, owner),
    softwareTable: template.softwareTable,
    softwareColumns: template.softwareColumns,
  } as const;
  // The inventory is drawn again from the same position of the stream each time it is read (the same rows every
  // time): kept as rows it was two thirds of a simulated host's memory (10,000 hosts: 130 MB of profiles), and
  // the simulator's garbage collector walked all of it while the agents it simulates only report it hourly.
  const softwareFrom = rng.clone();
  return {
    ...facts,
    get software(): Row[] {
      return template.software(softwareFrom.clone());
    },
  };
}

function hostnameFor(platform: SimPlatform, owner: string, suffix: string): string {
  switch (platform) {
    case 'ubuntu':
      return `ubuntu-${owner}-${suffix}.sim.local`;
    case 'macos':
      return `${owner}-mbp-${suffix}.local`;
    case 'windows':
      return `DESKTOP-${owner.toUpperCase()}${suffix}`;
  }
}

function serialFor(platform: SimPlatform, rng: SeededRandom): string {
  const alnum = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
  let s = '';
  for (let i = 0; i < 10; i++) s += rng.pick(alnum.split(''));
  return platform === 'macos' ? `C02${s.slice(0, 9)}` : s;
}

function osqueryBuildPlatform(platform: SimPlatform): string {
  switch (platform) {
    case 'ubuntu':
      return 'linux';
    case 'macos':
      return 'darwin';
    case 'windows':
      return 'windows';
  }
}

function kernelInfoFor(platform: SimPlatform, osVersion: Row): Row {
  switch (platform) {
    case 'ubuntu':
      return { version: '5.15.0-119-generic', arguments: 'ro quiet splash', path: '/boot/vmlinuz-5.15.0-119-generic', device: '/dev/sda1' };
    case 'macos':
      return { version: '23.6.0', arguments: '', path: '/System/Library/Kernels/kernel', device: '' };
    case 'windows':
      return { version: `10.0.${osVersion['build'] ?? '19045'}`, arguments: '', path: 'C:\\Windows\\system32\\ntoskrnl.exe', device: '' };
  }
}

function interfacesFor(platform: SimPlatform, index: number, rng: SeededRandom): NetworkInterfaceFact[] {
  // The primary address is derived from the index so it is unique across a fleet of up to 65k hosts.
  const address = `10.${20 + ((index >> 16) & 0x7f)}.${(index >> 8) & 0xff}.${index & 0xff}`;
  const mac = ['02', rng.hex(2), rng.hex(2), ((index >> 16) & 0xff).toString(16).padStart(2, '0'), ((index >> 8) & 0xff).toString(16).padStart(2, '0'), (index & 0xff).toString(16).padStart(2, '0')].join(':');
  const primaryName = platform === 'ubuntu' ? 'eth0' : platform === 'macos' ? 'en0' : 'Ethernet';
  const loopback = platform === 'windows' ? 'Loopback Pseudo-Interface 1' : platform === 'macos' ? 'lo0' : 'lo';
  return [
    { interface: loopback, address: '127.0.0.1', mask: '255.0.0.0', mac: '00:00:00:00:00:00', primary: false },
    { interface: primaryName, address, mask: '255.255.0.0', mac, primary: true },
    { interface: primaryName, address: `fe80::${rng.hex(4)}:${rng.hex(4)}`, mask: 'ffff:ffff:ffff:ffff::', mac, primary: false },
  ];
}

function diskFor(platform: SimPlatform, rng: SeededRandom): DiskFact {
  const totalGiB = rng.pick([128, 256, 256, 512, 512, 1024]);
  const totalBytes = totalGiB * 1024 ** 3;
  const freeBytes = Math.floor(totalBytes * (0.1 + 0.8 * rng.next()));
  switch (platform) {
    case 'ubuntu':
      return { device: '/dev/sda1', path: '/', fsType: 'ext4', blockSize: 4096, totalBytes, freeBytes };
    case 'macos':
      return { device: '/dev/disk3s1s1', path: '/', fsType: 'apfs', blockSize: 4096, totalBytes, freeBytes };
    case 'windows':
      return { device: 'C:', path: 'C:', fsType: 'NTFS', blockSize: 4096, totalBytes, freeBytes };
  }
}

function usersFor(platform: SimPlatform, owner: string): UserFact[] {
  switch (platform) {
    case 'ubuntu':
      return [
        { uid: '0', gid: '0', username: 'root', description: 'root', directory: '/root', shell: '/bin/bash', groupname: 'root', type: '' },
        { uid: '1000', gid: '1000', username: owner, description: owner, directory: `/home/${owner}`, shell: '/bin/bash', groupname: owner, type: '' },
        { uid: '65534', gid: '65534', username: 'nobody', description: 'nobody', directory: '/nonexistent', shell: '/usr/sbin/nologin', groupname: 'nogroup', type: '' },
      ];
    case 'macos':
      return [
        { uid: '0', gid: '0', username: 'root', description: 'System Administrator', directory: '/var/root', shell: '/bin/sh', groupname: 'wheel', type: '' },
        { uid: '501', gid: '20', username: owner, description: owner, directory: `/Users/${owner}`, shell: '/bin/zsh', groupname: 'staff', type: '' },
      ];
    case 'windows':
      return [
        { uid: '500', gid: '544', username: 'Administrator', description: 'Built-in account for administering the computer/domain', directory: '', shell: 'C:\\Windows\\system32\\cmd.exe', groupname: 'Administrators', type: 'local' },
        { uid: '1001', gid: '513', username: owner, description: '', directory: `C:\\Users\\${owner}`, shell: 'C:\\Windows\\system32\\cmd.exe', groupname: 'Users', type: 'local' },
        { uid: '18', gid: '18', username: 'SYSTEM', description: '', directory: '%systemroot%\\system32\\config\\systemprofile', shell: 'C:\\Windows\\system32\\cmd.exe', groupname: 'SYSTEM', type: 'special' },
      ];
  }
}
