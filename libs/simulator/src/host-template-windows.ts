import type { Row } from './host-platform';
import type { PlatformTemplate, SystemHardware } from './host-template.types';
import type { SeededRandom } from './seeded-random';
import { WINDOWS_PROGRAM_CATALOG } from './software-catalog';

const RELEASES = [
  { name: 'Microsoft Windows 11 Pro', version: '10.0.22631', build: '22631', display: '23H2', major: '10', minor: '0' },
  { name: 'Microsoft Windows 10 Enterprise', version: '10.0.19045', build: '19045', display: '22H2', major: '10', minor: '0' },
  { name: 'Microsoft Windows 11 Enterprise', version: '10.0.26100', build: '26100', display: '24H2', major: '10', minor: '0' },
] as const;

function windowsOsVersion(rng: SeededRandom): Row {
  const r = rng.pick(RELEASES);
  return {
    name: r.name, version: r.version, major: r.major, minor: r.minor, patch: '', build: r.build, platform: 'windows',
    platform_like: 'windows', codename: r.name, arch: '64-bit', extra: '', install_date: String(1_700_000_000 + rng.int(0, 30_000_000)),
    revision: String(rng.int(1000, 4000)), pid_with_namespace: '', mount_namespace_id: '', display_version: r.display,
  };
}

function windowsSystemHardware(rng: SeededRandom, logicalCores: number): SystemHardware {
  const model = rng.pick(['Latitude 7440', 'HP EliteBook 840 G9', 'ThinkPad T14 Gen 4', 'Surface Laptop 5']);
  return {
    cpuType: 'x86_64', cpuSubtype: '-1', cpuBrand: rng.pick(['13th Gen Intel(R) Core(TM) i7-1365U', '12th Gen Intel(R) Core(TM) i5-1245U', 'AMD Ryzen 7 PRO 7840U w/ Radeon 780M Graphics']),
    physicalCores: Math.max(1, logicalCores / 2), hardwareVendor: model.startsWith('HP') ? 'HP' : model.startsWith('Think') ? 'LENOVO' : model.startsWith('Surface') ? 'Microsoft Corporation' : 'Dell Inc.',
    hardwareModel: model, hardwareVersion: '-1', boardVendor: 'Dell Inc.', boardModel: '0XHC5V',
  };
}

function windowsPlatformInfo(rng: SeededRandom): Row {
  return { vendor: 'Dell Inc.', version: `1.${rng.int(1, 25)}.0`, date: '04/02/2024', revision: '', extra: '', firmware_type: 'uefi', address: '', size: '', volume_size: '' };
}

const PROGRAMS_COLUMNS = ['name', 'version', 'install_location', 'install_source', 'language', 'publisher', 'uninstall_string', 'install_date', 'identifying_number'] as const;

function windowsSoftware(rng: SeededRandom): Row[] {
  return rng.sample(WINDOWS_PROGRAM_CATALOG, rng.int(26, 38)).map((p) => ({
    name: p.name, version: p.version, install_location: `C:\\Program Files\\${p.name.split(' ')[0] ?? p.name}`, install_source: '', language: '1033',
    publisher: p.vendor, uninstall_string: `MsiExec.exe /X{${rng.uuid().toUpperCase()}}`, install_date: `2024${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}`,
    identifying_number: `{${rng.uuid().toUpperCase()}}`,
  }));
}

export const windowsTemplate: PlatformTemplate = {
  systemHardware: windowsSystemHardware,
  osVersion: windowsOsVersion,
  platformInfo: windowsPlatformInfo,
  softwareTable: 'programs',
  software: windowsSoftware,
  softwareColumns: PROGRAMS_COLUMNS,
};
