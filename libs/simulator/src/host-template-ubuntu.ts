import type { Row } from './host-platform';
import type { PlatformTemplate, SystemHardware } from './host-template.types';
import type { SeededRandom } from './seeded-random';
import { DEB_CATALOG } from './software-catalog';

/** Ubuntu LTS releases a simulated Linux host may run (os_version columns as osquery reports them). */
const RELEASES = [
  { version: '22.04.4 LTS (Jammy Jellyfish)', major: '22', minor: '4', patch: '0', codename: 'jammy' },
  { version: '24.04 LTS (Noble Numbat)', major: '24', minor: '4', patch: '0', codename: 'noble' },
  { version: '20.04.6 LTS (Focal Fossa)', major: '20', minor: '4', patch: '0', codename: 'focal' },
] as const;

function ubuntuOsVersion(rng: SeededRandom): Row {
  const r = rng.pick(RELEASES);
  return {
    name: 'Ubuntu', version: r.version, major: r.major, minor: r.minor, patch: r.patch, build: '',
    platform: 'ubuntu', platform_like: 'debian', codename: r.codename, arch: 'x86_64', extra: '',
    install_date: '', revision: '', pid_with_namespace: '0', mount_namespace_id: '',
  };
}

function ubuntuSystemHardware(rng: SeededRandom, logicalCores: number): SystemHardware {
  const model = rng.pick(['OptiPlex 7090', 'ThinkPad X1 Carbon Gen 11', 'PowerEdge R650', 'Standard PC (Q35 + ICH9, 2009)']);
  return {
    cpuType: 'x86_64', cpuSubtype: '6', cpuBrand: rng.pick(['Intel(R) Core(TM) i7-1185G7 @ 3.00GHz', 'AMD EPYC 7R13 Processor', 'Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz']),
    physicalCores: Math.max(1, logicalCores / 2), hardwareVendor: model.startsWith('Think') ? 'LENOVO' : model.startsWith('Standard') ? 'QEMU' : 'Dell Inc.',
    hardwareModel: model, hardwareVersion: '', boardVendor: 'Dell Inc.', boardModel: '0W3XW5',
  };
}

function ubuntuPlatformInfo(rng: SeededRandom): Row {
  return { vendor: 'Dell Inc.', version: `1.${rng.int(1, 30)}.0`, date: '03/14/2024', revision: '1.0', extra: '', firmware_type: 'uefi', address: '0xf0000', size: '64 KB', volume_size: '0' };
}

const DEB_PACKAGES_COLUMNS = ['name', 'version', 'source', 'size', 'arch', 'revision', 'status', 'maintainer', 'section', 'priority'] as const;

function ubuntuSoftware(rng: SeededRandom): Row[] {
  return rng.sample(DEB_CATALOG, rng.int(28, 40)).map((p) => ({
    name: p.name, version: p.version, source: '', size: String(rng.int(20, 90_000)), arch: p.name.startsWith('linux-image') ? 'amd64' : rng.pick(['amd64', 'all']),
    revision: '', status: 'install ok installed', maintainer: `${p.vendor} <ubuntu-devel-discuss@lists.ubuntu.com>`, section: rng.pick(['admin', 'utils', 'libs', 'net', 'web']), priority: 'optional',
  }));
}

export const ubuntuTemplate: PlatformTemplate = {
  systemHardware: ubuntuSystemHardware,
  osVersion: ubuntuOsVersion,
  platformInfo: ubuntuPlatformInfo,
  softwareTable: 'deb_packages',
  software: ubuntuSoftware,
  softwareColumns: DEB_PACKAGES_COLUMNS,
};
